// The GOV-REG services, built once per app (routes) or per use (demo seed, report).
import { createAuditService, type AuditService } from './audits.service.ts';
import { createCoordinationService, type CoordinationService } from './coordination.service.ts';
import { createRegisterService, type RegisterService } from './registers.service.ts';
import './registers.definitions.ts';

export interface GovernanceRegisterServices {
  registers: RegisterService;
  coordination: CoordinationService;
  audits: AuditService;
}

export function govRegServicesFor(progressPeriodMonths: number): GovernanceRegisterServices {
  return { registers: createRegisterService(), coordination: createCoordinationService({ progressPeriodMonths }), audits: createAuditService() };
}
