-- Surveys: uploaded datasets (kept as UTF-8 CSV text) and analyses run on them, stored with their options, result,
-- the analysis version and the dataset's fingerprint, so a result can be reopened and shown to be of these data.
CREATE TABLE surveys_datasets (
    id {{id}},
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    cases {{int}} NOT NULL,
    variables TEXT NOT NULL,
    content TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE surveys_analyses (
    id {{id}},
    dataset_id {{int}} NOT NULL REFERENCES surveys_datasets (id) ON DELETE CASCADE,
    analysis TEXT NOT NULL,
    options TEXT NOT NULL,
    result TEXT NOT NULL,
    version TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX surveys_analyses_dataset ON surveys_analyses (dataset_id, id);
