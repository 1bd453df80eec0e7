-- Migration 0017 made the applicant links as a new table renamed into place; PostgreSQL kept the new table's name in
-- its key's (patents_record_applicants_new_pkey). The key is named after its table again, as every other key is, so
-- that a later migration or the bulk load's set-aside keys (Kernel BulkLoad) find it by the name one would expect.
ALTER TABLE patents_record_applicants RENAME CONSTRAINT patents_record_applicants_new_pkey TO patents_record_applicants_pkey;
