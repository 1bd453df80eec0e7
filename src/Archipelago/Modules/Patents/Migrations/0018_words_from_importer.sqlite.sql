-- PostgreSQL's word vectors come from the importer from here on; SQLite's word index (0005's FTS5 table) is written
-- by the importer already. Nothing to do here.
SELECT 1;
