/**
 * Demo catalogue: the public services of the fictional "Provinsi Contoh" (issue 3, item 5),
 * loaded with the demo region. The services are data files, `demo-data/<sector group>.json`
 * (copied into dist/ by the build with every other non-code file of src/); this loader reads
 * them once, in the order of `demoDataFiles`, and checks each against the catalogue's own
 * schemas (a broken file fails at the first use, naming the file and the service).
 *
 * Each service carries the 14 components of the Standar Pelayanan (Permenpan RB 15/2014,
 * STANDARDS §1) and its application form. The services are those a PROVINCE provides under
 * the division of powers of UU 23/2014 (e.g. SMA/SMK, trayek AKDP, rumah sakit kelas B,
 * kapal perikanan 5–30 GT, peraturan perusahaan lintas kabupaten/kota), covering the priority
 * sectors of seed 001 (pajak dan pendapatan daerah, pendidikan, penanaman modal, industri-
 * perdagangan-UKM-koperasi, ketenagakerjaan) plus kesehatan, perhubungan, pariwisata and a
 * few others. Names, numbers and addresses of the province are fictional.
 *
 * Organisation components that an agency shares across its services (complaint channels,
 * facilities, internal supervision, security, evaluation, counter and contact) repeat in each
 * service of that agency. `legalKeys[i]` is the document of `demoLegalDocuments` cited by
 * `content.legalBasis[i]` (the loader of the demo, demo-load.ts, fills legalDocumentId).
 * Every document requirement has exactly one file field in the form.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { formDefinitionSchema, serviceContentSchema } from './catalog.schemas.ts';

type ServiceContentInput = z.input<typeof serviceContentSchema>;
type FormDefinitionInput = z.input<typeof formDefinitionSchema>;

export interface DemoService {
  /** kebab-case, unique: the public URL /layanan/<slug> */
  slug: string;
  /** slug of the owning agency in demoAgencies */
  agencySlug: string;
  content: ServiceContentInput;
  form: FormDefinitionInput;
  /** keys of demoLegalDocuments, in the order of content.legalBasis */
  legalKeys: string[];
}

/** The data files, in the order the services are listed (and loaded). */
export const demoDataFiles = ['vehicle-tax', 'education', 'investment', 'industry-trade', 'manpower', 'health', 'transport', 'tourism', 'others'] as const;

const demoServiceSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  agencySlug: z.string().min(1),
  content: serviceContentSchema,
  form: formDefinitionSchema,
  legalKeys: z.array(z.string().min(1)),
});

/** Reads and checks one data file; the services are returned as written (the schemas' defaults are applied when they are saved). */
export function loadDemoServices(name: string, text = readFileSync(new URL(`./demo-data/${name}.json`, import.meta.url), 'utf8')): DemoService[] {
  const raw: unknown = JSON.parse(text);
  if (!Array.isArray(raw)) throw new Error(`demo-data/${name}.json: a list of services expected`);
  raw.forEach((s: unknown, i) => {
    const checked = demoServiceSchema.safeParse(s);
    if (!checked.success) {
      const slug = (s as { slug?: unknown } | null)?.slug;
      const issue = checked.error.issues[0]!;
      throw new Error(`demo-data/${name}.json: service ${i + 1}${typeof slug === 'string' ? ` (${slug})` : ''}: ${issue.path.join('.')}: ${issue.message}`);
    }
  });
  return raw as DemoService[];
}

export const demoServices: DemoService[] = demoDataFiles.flatMap((name) => loadDemoServices(name));
