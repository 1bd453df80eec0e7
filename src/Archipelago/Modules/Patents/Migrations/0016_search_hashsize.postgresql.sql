-- The FTS5 setting of the SQLite variant; PostgreSQL's word index has no such buffer. Nothing to do here.
SELECT 1;
