-- Holiday calendar for working-day deadlines (STANDARDS §8): national holidays (libur
-- nasional) and collective leave (cuti bersama) set each year by the joint ministerial decree
-- (SKB), plus regional holidays (libur daerah). Kept as data, edited by super admins; the
-- preloaded years are seeded by the application (src/platform/calendar/holidays-data.ts), not
-- here. `provisional` marks dates not yet confirmed by an SKB (estimates for a future year).
CREATE TABLE holidays (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  date         date NOT NULL UNIQUE,
  kind         text NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama', 'libur_daerah')),
  name         text NOT NULL CHECK (length(btrim(name)) > 0),
  provisional  boolean NOT NULL DEFAULT false,
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
