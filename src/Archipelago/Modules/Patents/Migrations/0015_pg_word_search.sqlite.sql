-- SQLite's word index is 0005's FTS5 table; this migration gives PostgreSQL the same kind of index. Nothing to do here.
SELECT 1;
