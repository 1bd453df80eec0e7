-- The link tables are keyed on the record's integer id instead of its publication number: at a million records they
-- hold 1.5 M applicant and 4.1 M classification rows, and a TEXT key of ~14 bytes repeated in every row and every
-- secondary-index entry, and rows written in file order landing all over B-trees sorted on it, made them the dearest
-- part of a SQLite import (writer busy 54 s → 36 s at 1M with this key, measured side by side). The importer knows
-- each record's id as it writes it (SQLite: the rowid just inserted; PostgreSQL: ids taken from the sequence in
-- blocks, or found by publication number after a merge).
-- No foreign key to patents_records, by measurement: only the import adds link rows (an applicant merge renames
-- them), and every import suspends foreign keys for its bulk load (Kernel SqlDialect.BeginBulkLoadAsync). SQLite just
-- turns them off, so a key would cost nothing there but would also check nothing. PostgreSQL drops the keys of the loaded tables and adds them
-- back, validating every row: 3.0 s for 4.1 M classification rows (1,000,000 records, measured on this 2-core machine
-- at load ~8), plus the applicant rows — paid by every import, a ten-row one into a million-record workspace too,
-- against a 30 s target for the whole import. Records are never deleted (a re-import updates a record in place and
-- keeps its id), so a link cannot lose its record; the migration test and the import tests check the links.
CREATE TABLE patents_record_applicants_new (
    record_id {{int}} NOT NULL,
    position {{int}} NOT NULL,
    applicant TEXT NOT NULL,
    raw_name TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
) {{without_rowid}};
INSERT INTO patents_record_applicants_new (record_id, position, applicant, raw_name)
SELECT r.id, a.position, a.applicant, a.raw_name
FROM patents_record_applicants a JOIN patents_records r ON r.publication_number = a.publication_number;
DROP TABLE patents_record_applicants;
ALTER TABLE patents_record_applicants_new RENAME TO patents_record_applicants;
CREATE INDEX patents_record_applicants_applicant ON patents_record_applicants (applicant);

CREATE TABLE patents_record_classes_new (
    record_id {{int}} NOT NULL,
    scheme TEXT NOT NULL,
    code TEXT NOT NULL,
    subclass TEXT NOT NULL,
    main_group TEXT NOT NULL,
    PRIMARY KEY (record_id, scheme, code)
) {{without_rowid}};
INSERT INTO patents_record_classes_new (record_id, scheme, code, subclass, main_group)
SELECT r.id, k.scheme, k.code, k.subclass, k.main_group
FROM patents_record_classes k JOIN patents_records r ON r.publication_number = k.publication_number;
DROP TABLE patents_record_classes;
ALTER TABLE patents_record_classes_new RENAME TO patents_record_classes;
CREATE INDEX patents_record_classes_subclass ON patents_record_classes (scheme, subclass);
