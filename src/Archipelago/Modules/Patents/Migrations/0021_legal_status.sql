-- The publication's legal status as the source states it (Lens "Legal Status": ACTIVE, PENDING, EXPIRED, INACTIVE,
-- DISCONTINUED…; a user's column mapping may name one too), upper case; NULL when the source gives none. Records
-- imported before this migration have none until their file is imported again (an import updates in place).
ALTER TABLE patents_records ADD COLUMN legal_status TEXT;
-- Stored landscapes and column-store snapshots were counted without it: they are made again.
DELETE FROM patents_landscape_summary;
DELETE FROM patents_landscape_store;
UPDATE patents_data_version SET version = version + 1 WHERE id = 1;
-- A saved search may filter on it.
ALTER TABLE patents_saved_searches ADD COLUMN legal_status TEXT;
