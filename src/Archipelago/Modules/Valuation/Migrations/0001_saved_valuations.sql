-- Saved valuations: a named asset valuation owned by an account; every edit is a new version that keeps the asset
-- JSON as entered (docs/valuation-asset-schema.md), who saved it and when, and the results computed from it.
CREATE TABLE valuation_saved (
    id {{id}},
    name TEXT NOT NULL UNIQUE,
    owner TEXT NOT NULL,
    latest_version {{int}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE valuation_versions (
    valuation_id {{int}} NOT NULL REFERENCES valuation_saved (id) ON DELETE CASCADE,
    version {{int}} NOT NULL,
    author TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    note TEXT,
    asset_json TEXT NOT NULL,
    therapeutic_area TEXT,
    modality TEXT,
    current_phase TEXT,
    currency TEXT,
    rnpv {{real}} NOT NULL,
    npv {{real}} NOT NULL,
    loa {{real}} NOT NULL,
    results_json TEXT NOT NULL,
    PRIMARY KEY (valuation_id, version)
) {{without_rowid}};
