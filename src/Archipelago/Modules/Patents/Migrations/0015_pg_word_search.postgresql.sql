-- PostgreSQL gets a word index like SQLite's (0005) in place of the pg_trgm index of 0002: building the trigram GIN
-- index over a million abstracts took ~5 min of a 7 min import; a tsvector GIN index is several times cheaper.
-- 'simple' configuration (lower case, no stemming, no stop words); Chinese, Japanese and Korean characters are set
-- apart by spaces first, so each is one token and a CJK query word becomes the phrase of its characters
-- (SearchIndex.PostgresQuery) — the same ranges as SearchIndex.IsCjk. Hyphens, slashes, full stops and @ separate words (the
-- default parser would read 'covid-19' as covid and the number -19, 7.5 or an e-mail address as one token, which a query
-- split into words would miss).
-- An expression index: nothing to store or fill; the importer rebuilds it once after a bulk load.
DROP INDEX IF EXISTS patents_records_text;
CREATE FUNCTION patents_words(title TEXT, abstract TEXT, claims TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple'::regconfig, regexp_replace(translate(coalesce(title, '') || ' ' || coalesce(abstract, '') || ' ' || coalesce(claims, ''), '-/.@', '    '),
        '([\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\U00020000-\U0003FFFF])', ' \1 ', 'g'))
$$;
CREATE INDEX patents_records_words ON patents_records USING gin (patents_words(title, abstract, claims));
