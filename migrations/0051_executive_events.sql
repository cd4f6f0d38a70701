-- Executive summaries (E-1 … E-3) without triggers on other modules' tables: the marks in
-- exec_dirty are now made by the executive module's in-transaction subscriber of the
-- applications' and payments' domain events (src/app.events.ts), still in the transaction of
-- the change. The summaries' own tables and the refresh job stay as they were (0042).
DROP TRIGGER IF EXISTS exec_mark_application ON applications;
DROP TRIGGER IF EXISTS exec_mark_step ON application_steps;
DROP TRIGGER IF EXISTS exec_mark_bill ON bills;
DROP FUNCTION IF EXISTS exec_mark_application();
DROP FUNCTION IF EXISTS exec_mark_step();
DROP FUNCTION IF EXISTS exec_mark_bill();
