-- The unfiltered landscape of the workspace, one report per date basis (JSON of LandscapeReport), computed once after
-- an import and served from here afterwards: the distinct counts behind it (families, applicants, new entrants, the
-- life cycle) cannot be kept up to date row by row when a re-import updates records. Every write that changes what
-- the landscape counts (import, applicant merge, segment concordance edit) deletes the rows; the next unfiltered
-- landscape recomputes them.
CREATE TABLE patents_landscape_summary (
    date_basis TEXT PRIMARY KEY,
    report TEXT NOT NULL,
    computed_at TEXT NOT NULL
);
