-- Three staff roles for fees and ICT governance:
--  finance_officer  bendahara penerimaan: bills, statements, reconciliation, revenue reports
--                   (one agency, or region-wide for the regional treasury, BPKAD);
--  ict_officer      pengelola TIK of an agency: its own governance records (inventories, staff,
--                   assets, self-assessment evidence);
--  ict_coordinator  the Dinas Kominfo's SPBE team: every agency's governance records, the
--                   master plan, audits and the SPBE index (region-wide).
ALTER TABLE role_grants DROP CONSTRAINT IF EXISTS role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check
  CHECK (role IN ('super_admin', 'agency_admin', 'operator', 'verifier', 'signing_official',
                  'counter_officer', 'executive', 'auditor', 'finance_officer', 'ict_officer',
                  'ict_coordinator'));
