-- Public participation (C-3): suggestions about the region's ICT and services, and offers of
-- research or investment cooperation. Submitted publicly, moderated by the complaints
-- coordinator, answered, and listed publicly once approved (with the answer).
CREATE TABLE participation_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind          text NOT NULL CHECK (kind IN ('saran_tik', 'saran_layanan', 'kerja_sama_riset', 'kerja_sama_investasi')),
  title         text NOT NULL,
  body          text NOT NULL,
  author_id     uuid REFERENCES users(id),
  name          text NOT NULL,
  organisation  text,
  contact       text NOT NULL,
  status        text NOT NULL DEFAULT 'menunggu' CHECK (status IN ('menunggu', 'disetujui', 'ditolak')),
  answer        text,
  moderated_by  uuid REFERENCES users(id),
  moderated_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX participation_items_public_idx ON participation_items (status, moderated_at DESC);
