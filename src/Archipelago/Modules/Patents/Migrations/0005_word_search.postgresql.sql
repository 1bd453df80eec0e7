-- PostgreSQL keeps the pg_trgm index of 0002 (substring matching in every script); the word index of
-- 0005_word_search.sqlite.sql is SQLite's. Nothing to change here.
SELECT 1;
