-- Substring search over names, aliases and keys without scanning every enabler: an FTS5 trigram index kept in step
-- with kernel_enablers by triggers (queries of three or more characters use it; shorter ones scan).
CREATE VIRTUAL TABLE kernel_enablers_search USING fts5(search_text, content='kernel_enablers', content_rowid='id', tokenize='trigram');
INSERT INTO kernel_enablers_search (kernel_enablers_search) VALUES ('rebuild');
CREATE TRIGGER kernel_enablers_search_insert AFTER INSERT ON kernel_enablers BEGIN
    INSERT INTO kernel_enablers_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER kernel_enablers_search_delete AFTER DELETE ON kernel_enablers BEGIN
    INSERT INTO kernel_enablers_search (kernel_enablers_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER kernel_enablers_search_update AFTER UPDATE OF search_text ON kernel_enablers BEGIN
    INSERT INTO kernel_enablers_search (kernel_enablers_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO kernel_enablers_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
