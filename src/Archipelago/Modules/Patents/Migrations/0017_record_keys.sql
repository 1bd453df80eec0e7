-- The link tables are keyed on the record's integer id instead of its publication number: at a million records they
-- hold 1.5 M applicant and 4.1 M classification rows, and a TEXT key of ~14 bytes repeated in every row and every
-- secondary-index entry made them the largest part of an import (half the SQLite writer's time). The importer knows
-- each record's id as it writes it (SQLite: the rowid just inserted; PostgreSQL: ids taken from the sequence in
-- blocks, or found by publication number after a merge).
-- No foreign key to patents_records: records are never deleted (an import updates a record in place and keeps its
-- id), so a key would guard nothing the importer does not already do, while it would cost every write: SQLite checks
-- it row by row whenever PRAGMA foreign_keys is on (the kernel turns it on for every connection; applicant merges
-- update these rows), and PostgreSQL's bulk load drops and re-validates foreign keys over all 5.6 M link rows.
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
