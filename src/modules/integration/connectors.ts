// Connectors to national systems behind one interface each, with a local implementation for
// development and tests (I-4: integrate the national applications, never rebuild them). The
// contract test (connectors.unit.test.ts) pins the request and response shapes every
// implementation must keep.
import { z } from 'zod';

/** Dukcapil NIK verification: does this NIK belong to a person with this name and birth date? */
export const nikVerificationRequest = z.object({
  nik: z.string().regex(/^\d{16}$/),
  name: z.string().trim().min(1).max(200),
  birthDate: z.iso.date(),
});
export type NikVerificationRequest = z.infer<typeof nikVerificationRequest>;

/** The answer never echoes the person's data: only whether each element matches. */
export const nikVerificationResponse = z.object({
  found: z.boolean(),
  match: z.object({ name: z.boolean(), birthDate: z.boolean() }),
  source: z.string(),
});
export type NikVerificationResponse = z.infer<typeof nikVerificationResponse>;

export interface NikVerifier {
  readonly name: string;
  verify(input: NikVerificationRequest): Promise<NikVerificationResponse>;
}

/** Fixture of the local implementation: fictitious residents only. */
const fixture: { nik: string; name: string; birthDate: string }[] = [
  { nik: '3204010101900001', name: 'SITI AMINAH', birthDate: '1990-01-01' },
  { nik: '3204011505850002', name: 'BUDI SANTOSO', birthDate: '1985-05-15' },
];

const normalise = (s: string) => s.trim().toUpperCase().replace(/\s+/g, ' ');

/** Answers from a fixture: for development, demos and tests (no national system reached). */
export function localNikVerifier(records = fixture): NikVerifier {
  return {
    name: 'local',
    async verify(input) {
      const req = nikVerificationRequest.parse(input);
      const r = records.find((x) => x.nik === req.nik);
      return nikVerificationResponse.parse({
        found: !!r,
        match: { name: !!r && normalise(r.name) === normalise(req.name), birthDate: !!r && r.birthDate === req.birthDate },
        source: 'local',
      });
    },
  };
}
