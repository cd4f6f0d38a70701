-- Reviewed SQL of src/modules/applications/applications.repository.ts (generated: UPDATE_SQL_SNAPSHOTS=1).

-- applicationQueries.byIdempotencyKey
-- parameters: ["key-1"]
select "id", "tracking_number", "status", "applicant_id" from "applications" where "idempotency_key" = $1;

-- applicationQueries.latestDraft
-- parameters: ["00000000-0000-0000-0000-000000000001","00000000-0000-0000-0000-000000000001","draft",1]
select * from "applications" where "applicant_id" = $1 and "service_id" = $2 and "status" = $3 order by "updated_at" desc limit $4;

-- applicationQueries.submissionLookup
-- parameters: ["key-1","key-1","00000000-0000-0000-0000-000000000001","00000000-0000-0000-0000-000000000001","draft",1]
select "id", "tracking_number", "status", "applicant_id", "service_version", idempotency_key IS NOT DISTINCT FROM $1 as "by_key" from "applications" where ("idempotency_key" = $2 or ("applicant_id" = $3 and "service_id" = $4 and "status" = $5)) order by "by_key" desc, "updated_at" desc limit $6;

-- applicationQueries.timeline (applicant)
-- parameters: ["00000000-0000-0000-0000-000000000001","assigned","released","escalated"]
select "kind", "note", "at" from "application_events" where "application_id" = $1 and "kind" not in ($2, $3, $4) order by "at", "id";

-- applicationQueries.timeline (internal)
-- parameters: ["00000000-0000-0000-0000-000000000001"]
select "kind", "note", "at" from "application_events" where "application_id" = $1 order by "at", "id";
