-- FTS5 keeps the terms of a transaction in memory and writes them out as a new index segment each time they pass
-- 'hashsize' (1 MB by default); a million abstracts then make hundreds of small segments that automerge rewrites
-- again and again. At 64 MB the word index of a 1,000,000-record import costs ~11 s instead of ~20 s (measured,
-- docs/benchmarks.md); the memory is held only while a transaction writes.
INSERT INTO patents_search (patents_search, rank) VALUES ('hashsize', 67108864);
