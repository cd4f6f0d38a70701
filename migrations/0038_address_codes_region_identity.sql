-- Addresses by official region codes, and the region's identity.
-- users.address_area: the deepest official area code (Kemendagri, e.g. 53.71.04.1009) of the
-- person's address; the parents follow from it. users.address keeps the street line, or an
-- address typed as free text before the codes existed (still shown as it was).
ALTER TABLE users ADD COLUMN address_area text;
-- The region's identity set by the administrator on /kelola/wilayah: the primary colour of
-- headers (#rrggbb, contrast with white text checked by the application) and the coat of
-- arms/logo (a PNG or JPEG in file storage, shown in headers and on PDF letterheads).
ALTER TABLE regions ADD COLUMN primary_colour text;
ALTER TABLE regions ADD COLUMN logo_key text;
ALTER TABLE regions ADD COLUMN logo_type text;
