-- Patent records keyed on the publication number (normalised: upper case, no spaces or slashes, kind code included
-- when the source gives one). Multi-valued fields are kept raw (';;'-joined) for display and exploded into the link
-- tables below for counting. Link tables are keyed on the publication number, not the row id, so an import can
-- replace a record's links set-wise without first learning its id.
CREATE TABLE patents_records (
    id {{id}},
    publication_number TEXT NOT NULL UNIQUE,
    jurisdiction TEXT NOT NULL,
    kind TEXT,
    document_type TEXT,
    title TEXT,
    abstract TEXT,
    claims TEXT,
    application_number TEXT,
    priority_date TEXT,
    application_date TEXT,
    publication_date TEXT,
    priority_year {{int}},
    application_year {{int}},
    publication_year {{int}},
    family_id TEXT NOT NULL,
    applicants TEXT NOT NULL DEFAULT '',
    inventors TEXT NOT NULL DEFAULT '',
    ipc TEXT NOT NULL DEFAULT '',
    cpc TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX patents_records_publication_year ON patents_records (publication_year);
CREATE INDEX patents_records_jurisdiction ON patents_records (jurisdiction);
CREATE INDEX patents_records_family ON patents_records (family_id);

-- One row per applicant of a record, in the record's order; applicant = normalised name (after reviewed aliases).
CREATE TABLE patents_record_applicants (
    publication_number TEXT NOT NULL,
    position {{int}} NOT NULL,
    applicant TEXT NOT NULL,
    raw_name TEXT NOT NULL,
    PRIMARY KEY (publication_number, position)
) {{without_rowid}};
CREATE INDEX patents_record_applicants_applicant ON patents_record_applicants (applicant);

-- Normalised classification symbols of a record (scheme ipc or cpc), with subclass and main group for grouping.
CREATE TABLE patents_record_classes (
    publication_number TEXT NOT NULL,
    scheme TEXT NOT NULL,
    code TEXT NOT NULL,
    subclass TEXT NOT NULL,
    main_group TEXT NOT NULL,
    PRIMARY KEY (publication_number, scheme, code)
) {{without_rowid}};
CREATE INDEX patents_record_classes_subclass ON patents_record_classes (scheme, subclass);

-- Every normalised applicant name seen, its kind (company, university, individual, other) and the registry enabler
-- it is linked to, when one is.
CREATE TABLE patents_applicants (
    name TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    enabler_id {{int}} REFERENCES kernel_enablers (id) ON DELETE SET NULL
);

-- Reviewed merges: a variant normalised name that stands for a canonical one, with who decided it and why.
CREATE TABLE patents_aliases (
    variant TEXT PRIMARY KEY,
    canonical TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    reviewed_by TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
);

-- Saved column mappings for generic CSV/XLSX files (--format mapping:NAME), as JSON.
CREATE TABLE patents_column_mappings (
    name TEXT PRIMARY KEY,
    mapping TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
