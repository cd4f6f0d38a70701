// Demo citizens: ready, confirmed accounts (identity.operator.ts writes them).
export { insertDemoCitizenAccount, type DemoCitizen } from '../modules/identity/identity.operator.ts';
