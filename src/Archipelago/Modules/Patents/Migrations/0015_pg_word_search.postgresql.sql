-- PostgreSQL gets a word index like SQLite's (0005) in place of the pg_trgm index of 0002: building the trigram GIN
-- index over a million abstracts took ~5 min of a 7 min import; a tsvector GIN index is several times cheaper.
-- 'simple' configuration (lower case, no stemming, no stop words); Chinese, Japanese and Korean characters are set
-- apart by spaces first, so each is one token and a CJK query word becomes the phrase of its characters
-- (SearchIndex.PostgresQuery) — the same ranges as SearchIndex.IsCjk. Hyphens, slashes, full stops and @ separate words (the
-- default parser would read 'covid-19' as covid and the number -19, 7.5 or an e-mail address as one token, which a query
-- split into words would miss).
-- The tsvector is a stored generated column, not only an index expression: a query matching many records rechecks
-- the rows of lossy bitmap pages, and with an expression index every recheck parses the text again (40 s for a word
-- in a quarter of a million records); the column is computed once, on insert or update. The importer rebuilds the
-- index once after a bulk load.
DROP INDEX IF EXISTS patents_records_text;
CREATE FUNCTION patents_words(title TEXT, abstract TEXT, claims TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple'::regconfig, regexp_replace(translate(coalesce(title, '') || ' ' || coalesce(abstract, '') || ' ' || coalesce(claims, ''), '-/.@', '    '),
        '([\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\U00020000-\U0003FFFF])', ' \1 ', 'g'))
$$;
ALTER TABLE patents_records ADD COLUMN words tsvector GENERATED ALWAYS AS (patents_words(title, abstract, claims)) STORED;
CREATE INDEX patents_records_words ON patents_records USING gin (words);
