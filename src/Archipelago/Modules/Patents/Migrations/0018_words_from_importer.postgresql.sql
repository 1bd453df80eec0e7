-- The words tsvector of 0015 is computed by the importer (SearchIndex.Words, WordVector) instead of by the server:
-- parsing a million records' text with patents_words() was most of a PostgreSQL import (COPY of 200,000 records
-- 33 s with the generated column, 4 s with the importer's vector in binary form). The column becomes an ordinary
-- one that every write of title, abstract or claims fills; DROP EXPRESSION keeps the stored values. The importer's
-- words also fold Latin, Greek and Cyrillic diacritics as SQLite's index does (café finds cafe), which the old
-- function did not, so existing records are indexed again at the first import or search after this migration
-- (patents_search_stale says so, as SQLite's 0005 does).
ALTER TABLE patents_records ALTER COLUMN words DROP EXPRESSION;
DROP FUNCTION patents_words(TEXT, TEXT, TEXT);
CREATE TABLE patents_search_stale (stale INTEGER NOT NULL);
INSERT INTO patents_search_stale SELECT 1 WHERE EXISTS (SELECT 1 FROM patents_records);
