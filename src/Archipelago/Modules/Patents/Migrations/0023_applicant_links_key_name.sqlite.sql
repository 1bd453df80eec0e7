-- The PostgreSQL variant renames a key; SQLite names no keys of WITHOUT ROWID tables. Nothing to do here.
SELECT 1;
