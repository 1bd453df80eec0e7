-- Full-text search over title, abstract and claims: an FTS5 trigram index (substring matching, so it works for Chinese,
-- which has no spaces between words, as well as English), kept in step with patents_records by triggers.
CREATE VIRTUAL TABLE patents_search USING fts5(title, abstract, claims, content='patents_records', content_rowid='id', tokenize='trigram');
CREATE TRIGGER patents_search_insert AFTER INSERT ON patents_records BEGIN
    INSERT INTO patents_search (rowid, title, abstract, claims) VALUES (new.id, new.title, new.abstract, new.claims);
END;
CREATE TRIGGER patents_search_delete AFTER DELETE ON patents_records BEGIN
    INSERT INTO patents_search (patents_search, rowid, title, abstract, claims) VALUES ('delete', old.id, old.title, old.abstract, old.claims);
END;
CREATE TRIGGER patents_search_update AFTER UPDATE OF title, abstract, claims ON patents_records BEGIN
    INSERT INTO patents_search (patents_search, rowid, title, abstract, claims) VALUES ('delete', old.id, old.title, old.abstract, old.claims);
    INSERT INTO patents_search (rowid, title, abstract, claims) VALUES (new.id, new.title, new.abstract, new.claims);
END;
