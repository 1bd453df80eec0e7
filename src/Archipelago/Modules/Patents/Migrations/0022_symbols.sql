-- Classification links name a symbol by number instead of spelling it out. A record's links were rows of (record id,
-- scheme, code, subclass, main group) — three texts repeated in each of 9.3 M rows at 1,000,000 records (the CPC
-- symbols of the Lens export included): 45 bytes a row on SQLite (130 of 471 MB at 300,000 records), and on SQLite the
-- dearest rows of an import to write (2.4 of the writing thread's 3.9 s busy at 300,000 records, measured by leaving
-- them out). Each distinct (scheme, code) is now one row of patents_symbols with its subclass and main group, and a
-- link is (record id, symbol id). The importer numbers the symbols it meets (the table is locked for its transaction,
-- as the record ids are). patents_record_classes stays as a view with the old columns, so queries that read it are
-- unchanged; the classification filter asks the symbols first (PatentFilter).
CREATE TABLE patents_symbols (
    id {{id}},
    scheme TEXT NOT NULL,
    code TEXT NOT NULL,
    subclass TEXT NOT NULL,
    main_group TEXT NOT NULL,
    UNIQUE (scheme, code)
);
INSERT INTO patents_symbols (scheme, code, subclass, main_group)
SELECT scheme, code, MIN(subclass), MIN(main_group) FROM patents_record_classes GROUP BY scheme, code ORDER BY scheme, code;

CREATE TABLE patents_record_symbols (
    record_id {{int}} NOT NULL,
    symbol_id {{int}} NOT NULL,
    PRIMARY KEY (record_id, symbol_id)
) {{without_rowid}};
INSERT INTO patents_record_symbols (record_id, symbol_id)
SELECT k.record_id, s.id FROM patents_record_classes k JOIN patents_symbols s ON s.scheme = k.scheme AND s.code = k.code;
DROP TABLE patents_record_classes;

-- CROSS JOIN keeps the links as SQLite's outer loop, each symbol found by its key: SQLite has no statistics after an
-- import, and with a plain join it looped over every symbol of a scheme and, for each, over the selected records
-- (the module's tests, search facets among them, ran for over ten minutes instead of two). PostgreSQL plans it as any join.
CREATE VIEW patents_record_classes AS
SELECT l.record_id, s.scheme, s.code, s.subclass, s.main_group
FROM patents_record_symbols l CROSS JOIN patents_symbols s WHERE s.id = l.symbol_id;
