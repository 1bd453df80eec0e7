-- Saved searches (issue: "a landscape dashboard for any saved query"): a name and the landscape filter it stands for.
-- Numbered 0010 to leave 0005–0009 to the import/landscape performance work on its own branch.
CREATE TABLE patents_saved_searches (
    name TEXT PRIMARY KEY,
    text TEXT,
    classification TEXT,
    applicant TEXT,
    jurisdiction TEXT,
    from_year {{int}},
    to_year {{int}},
    basis TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
