-- Full-text search over title, abstract and claims: a pg_trgm GIN index over the lower-cased text, which LIKE '%…%'
-- uses (substring matching, so Chinese works as well as English). Where pg_trgm cannot be created, search scans.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%); patent search will scan', SQLERRM;
END $$;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX patents_records_text ON patents_records
            USING gin ((lower(coalesce(title, '') || ' ' || coalesce(abstract, '') || ' ' || coalesce(claims, ''))) gin_trgm_ops);
    END IF;
END $$;
