-- The landscape's column store (LandscapeColumns) as a binary snapshot, tagged with the data version it describes
-- (patents_data_version, migration 0012), in parts of at most 8 MB: a new process loads it instead of reading every
-- record and link back. The import writes it inside its own transaction; every other write that moves the data
-- version deletes it, and the next build writes it again. A snapshot of another version than the current is never read.
CREATE TABLE patents_landscape_store (
    version {{int}} NOT NULL,
    part {{int}} NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (version, part)
);
