-- Substring search over names, aliases and keys without scanning every enabler: a pg_trgm GIN index, which plain
-- LIKE '%…%' uses. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension; where it cannot be created the
-- search still works, by scanning.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%); enabler search will scan', SQLERRM;
END $$;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX kernel_enablers_search ON kernel_enablers USING gin (search_text gin_trgm_ops);
    END IF;
END $$;
