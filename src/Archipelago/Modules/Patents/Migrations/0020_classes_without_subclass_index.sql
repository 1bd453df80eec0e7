-- The (scheme, subclass) index of classification links goes: no query can look it up. The classification filter asks
-- for a subclass under any scheme (SQLite cannot seek past the leading scheme without statistics, nor can a
-- PostgreSQL B-tree), so both databases read it end to end — as long as reading the table itself (4.1 M rows at
-- 1,000,000 records: 0.34 s either way on SQLite) — and the search facet filters on the record id, the table's own key.
-- Landscapes and search facets count subclasses from the column store. Building it was the dearest step of a bulk
-- import's index rebuild: 5.1–6.0 s of a 1,000,000-record SQLite import (docs/benchmarks.md, "Fourth round").
DROP INDEX IF EXISTS patents_record_classes_subclass;
