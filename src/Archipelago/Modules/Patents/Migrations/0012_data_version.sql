-- The version of the workspace's patent data: every write that changes what a landscape counts (import, applicant
-- merge, segment-concordance edit) adds one to it in its own transaction, beside deleting the stored unfiltered
-- landscapes. The in-memory column store of the landscape (LandscapeColumns) is kept per version, so one cheap read
-- tells a long-running server that another process has written.
CREATE TABLE patents_data_version (
    id {{int}} PRIMARY KEY,
    version {{int}} NOT NULL
);
INSERT INTO patents_data_version (id, version) VALUES (1, 1);

-- A saved search keeps the cluster-membership filter too (records with an applicant linked to a registry enabler).
ALTER TABLE patents_saved_searches ADD COLUMN cluster_members {{int}} NOT NULL DEFAULT 0;
