// The service standard (Standar Pelayanan, Permenpan RB 15/2014: 14 components) and the
// application form definition, as data. The same Zod schemas validate the back office, the
// API and the demo catalogue, and produce the OpenAPI document.
import { z } from 'zod';

/** Sectors: the priority sectors of seed 001 and the SPBE service sectors (P-5). */
export const sectors = [
  { code: 'pajak-pendapatan', id: 'Pajak dan pendapatan daerah', en: 'Regional tax and revenue', priority: true },
  { code: 'pendidikan', id: 'Pendidikan', en: 'Education', priority: true },
  { code: 'penanaman-modal', id: 'Penanaman modal dan perizinan', en: 'Investment and licensing', priority: true },
  { code: 'industri-perdagangan-ukm', id: 'Industri, perdagangan, UKM dan koperasi', en: 'Industry, trade, SMEs and cooperatives', priority: true },
  { code: 'ketenagakerjaan', id: 'Ketenagakerjaan', en: 'Manpower', priority: true },
  { code: 'kesehatan', id: 'Kesehatan', en: 'Health', priority: false },
  { code: 'perhubungan', id: 'Perhubungan dan transportasi', en: 'Transport', priority: false },
  { code: 'pariwisata', id: 'Pariwisata dan kebudayaan', en: 'Tourism and culture', priority: false },
  { code: 'perumahan', id: 'Perumahan dan permukiman', en: 'Housing', priority: false },
  { code: 'komunikasi', id: 'Komunikasi dan informatika', en: 'Communication and informatics', priority: false },
  { code: 'lingkungan-hidup', id: 'Lingkungan hidup dan kehutanan', en: 'Environment and forestry', priority: false },
  { code: 'sosial', id: 'Sosial dan jaminan sosial', en: 'Social affairs and social security', priority: false },
  { code: 'energi-sdm', id: 'Energi dan sumber daya mineral', en: 'Energy and mineral resources', priority: false },
  { code: 'sumber-daya-alam', id: 'Sumber daya alam, pertanian dan perikanan', en: 'Natural resources, agriculture and fisheries', priority: false },
  { code: 'kependudukan', id: 'Kependudukan dan catatan sipil', en: 'Population and civil registration', priority: false },
  { code: 'lainnya', id: 'Lainnya', en: 'Other', priority: false },
] as const;
export type SectorCode = (typeof sectors)[number]['code'];
const sectorCodes = sectors.map((s) => s.code) as [SectorCode, ...SectorCode[]];

const text = (max: number) => z.string().trim().max(max);
const keyPattern = /^[a-z][a-z0-9_]{0,39}$/;
export const fieldKey = z.string().regex(keyPattern, 'catalog.form.key_format');

/** Accepted upload types, by MIME type (checked against the file's content, not its name). */
export const fileTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export const requirementSchema = z.object({
  key: fieldKey,
  name: text(200).min(1),
  kind: z.enum(['document', 'data']),
  mandatory: z.boolean(),
  /** For documents: accepted MIME types and maximum size. */
  fileTypes: z.array(z.enum(fileTypes)).default([]),
  maxSizeMb: z.number().int().min(1).max(50).default(2),
  explanation: text(1000).default(''),
});

export const procedureStepSchema = z.object({
  title: text(200).min(1),
  description: text(2000).default(''),
});

/** Integer Rupiah only. */
export const rupiah = z.number().int().min(0).max(1_000_000_000_000);

export const feeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free') }),
  z.object({ kind: z.literal('fixed'), amount: rupiah.min(1), regulation: text(300).min(1) }),
  z.object({
    kind: z.literal('tariff'),
    regulation: text(300).min(1),
    lines: z
      .array(
        z.object({
          label: text(200).min(1),
          amount: rupiah,
          /** e.g. 'per m²' — then the form field named in `quantityField` multiplies it. */
          unit: text(50).optional(),
          quantityField: fieldKey.optional(),
        }),
      )
      .min(1),
  }),
]);

export const productSchema = z.object({
  name: text(200).min(1),
  description: text(1000).default(''),
  /** Validity of the issued document; null: no expiry. */
  validity: z
    .object({ years: z.number().int().min(0).max(50).default(0), months: z.number().int().min(0).max(11).default(0) })
    .nullable()
    .default(null),
  /**
   * What the issued document says is permitted ("Yang diizinkan"): text with `{field}`
   * placeholders filled from the application's data. Empty: one line per form field.
   */
  template: text(2000).optional(),
});

export const legalBasisSchema = z.object({
  /** Link to a document in the legal library, when it is there. */
  legalDocumentId: z.string().uuid().optional(),
  citation: text(500).min(1),
});

/**
 * The 14 components. Delivery: requirements, procedure, completionDays, fee, product,
 * complaintHandling. Organisation: legalBasis, facilities, staffCompetence,
 * internalSupervision, staffCount, serviceGuarantee, securityGuarantee, performanceEvaluation.
 * A draft may be incomplete; `missingComponents` says what blocks publication.
 */
export const serviceContentSchema = z.object({
  name: text(200).min(3),
  /** Optional English name and summary; the portal falls back to Indonesian. */
  nameEn: text(200).optional(),
  summary: text(600).default(''),
  summaryEn: text(600).optional(),
  sectors: z.array(z.enum(sectorCodes)).default([]),
  keywords: z.array(text(60).min(1)).max(30).default([]),
  channels: z.array(z.enum(['online', 'counter'])).default([]),
  /** Where and when to go for counter services. */
  counterInfo: text(1000).default(''),
  requirements: z.array(requirementSchema).default([]),
  procedure: z.array(procedureStepSchema).default([]),
  completionDays: z.number().int().min(0).max(365).nullable().default(null),
  fee: feeSchema.nullable().default(null),
  product: productSchema.nullable().default(null),
  complaintHandling: text(2000).default(''),
  legalBasis: z.array(legalBasisSchema).default([]),
  facilities: text(2000).default(''),
  staffCompetence: text(2000).default(''),
  internalSupervision: text(2000).default(''),
  staffCount: z.number().int().min(0).max(100_000).nullable().default(null),
  serviceGuarantee: text(2000).default(''),
  securityGuarantee: text(2000).default(''),
  performanceEvaluation: text(2000).default(''),
  contact: z
    .object({
      phone: text(40).default(''),
      email: text(120).default(''),
      address: text(300).default(''),
      hours: text(200).default(''),
    })
    .default({ phone: '', email: '', address: '', hours: '' }),
});
export type ServiceContent = z.output<typeof serviceContentSchema>;

// ---- Application form definition ---------------------------------------------------------

export const fieldTypes = ['text', 'textarea', 'number', 'date', 'choice', 'yesno', 'nik', 'nib', 'phone', 'email', 'address', 'file'] as const;
export type FieldType = (typeof fieldTypes)[number];

export const formFieldSchema = z.object({
  key: fieldKey,
  type: z.enum(fieldTypes),
  label: text(200).min(1),
  labelEn: text(200).optional(),
  help: text(500).default(''),
  required: z.boolean().default(false),
  /** Validation rules (text: length/pattern; number: range; date: range as YYYY-MM-DD). */
  rules: z
    .object({
      minLength: z.number().int().min(0).optional(),
      maxLength: z.number().int().min(1).max(10_000).optional(),
      min: z.number().optional(),
      max: z.number().optional(),
      pattern: z.string().max(200).optional(),
      minDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      maxDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    })
    .default({}),
  /** For 'choice'. */
  options: z.array(z.object({ value: z.string().min(1).max(100), label: text(200).min(1) })).default([]),
  multiple: z.boolean().default(false),
  /** For 'address': the deepest level asked (province … village). */
  addressLevel: z.enum(['province', 'regency', 'district', 'village']).optional(),
  /** For 'file': the requirement this upload satisfies. */
  requirementKey: fieldKey.optional(),
  /** Shown only when another field has this value. */
  visibleIf: z.object({ field: fieldKey, equals: z.union([z.string(), z.boolean(), z.number()]) }).optional(),
  /** Filled from the applicant's account (P-4): never typed twice. */
  prefill: z.enum(['name', 'nik', 'email', 'phone', 'address', 'business_name', 'nib', 'npwp']).optional(),
});
export type FormField = z.output<typeof formFieldSchema>;

export const formSectionSchema = z.object({
  key: fieldKey,
  title: text(200).min(1),
  titleEn: text(200).optional(),
  fields: z.array(formFieldSchema).min(1),
});

export const formDefinitionSchema = z.object({
  sections: z.array(formSectionSchema).default([]),
});
export type FormDefinition = z.output<typeof formDefinitionSchema>;
