// SOP definitions (P-6) as data: ordered steps, each with the responsible agency role, the
// time allowed in working hours or days, the actions allowed and where it goes next. The
// first step is the start. Structure is checked here; the graph rules are in workflow.rules.ts.
import { z } from 'zod';

export const sopRoles = ['operator', 'verifier', 'signing_official', 'counter_officer', 'agency_admin'] as const;
export type SopRole = (typeof sopRoles)[number];
export const sopActions = ['forward', 'send_back', 'reject', 'approve'] as const;
export type SopAction = (typeof sopActions)[number];
export const timeUnits = ['hours', 'days'] as const;

const stepKey = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'workflow.key_format');

export const sopBranchSchema = z
  .object({
    label: z.string().trim().min(1).max(120),
    next: stepKey,
  })
  .strict();

export const sopStepSchema = z
  .object({
    key: stepKey,
    name: z.string().trim().min(1).max(120),
    role: z.enum(sopRoles),
    timeAllowed: z.object({ amount: z.number().int().min(1).max(1000), unit: z.enum(timeUnits) }).strict(),
    actions: z.array(z.enum(sopActions)).min(1).max(4),
    next: stepKey.optional(),
    branches: z.array(sopBranchSchema).max(10).optional(),
    billing: z.boolean().optional(),
  })
  .strict();

export const sopDefinitionSchema = z
  .object({
    steps: z.array(sopStepSchema).max(50),
  })
  .strict()
  .meta({ id: 'SopDefinition' });

export type SopStep = z.infer<typeof sopStepSchema>;
export type SopBranch = z.infer<typeof sopBranchSchema>;
export type SopDefinition = z.infer<typeof sopDefinitionSchema>;

export const emptySop: SopDefinition = { steps: [] };
