#!/usr/bin/env python3
"""Fingerprints of what a patents import stored in a SQLite workspace, to show two builds store the same data.

Usage: compare_workspaces.py WORKSPACE.db [OTHER.db]
Prints an MD5 per table: the records (every column but the import time), both link tables, the symbols, the applicants,
the word index's data and docsize tables, and the landscape store's snapshot (its search order included). With two
files it says which tables differ. Used to prove an import change stores the same rows (docs/benchmarks.md, rounds
fifteen and sixteen); the two workspaces must come from imports of the same file into empty workspaces.
"""
import hashlib
import sqlite3
import sys


def fingerprints(path):
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    columns = [r[1] for r in c.execute("PRAGMA table_info(patents_records)") if r[1] != "imported_at"]
    queries = {
        "records": f"SELECT {', '.join(columns)} FROM patents_records ORDER BY id",
        "applicant links": "SELECT * FROM patents_record_applicants ORDER BY 1, 2",
        "symbol links": "SELECT * FROM patents_record_symbols ORDER BY 1, 2",
        "symbols": "SELECT * FROM patents_symbols ORDER BY id",
        "applicants": "SELECT * FROM patents_applicants ORDER BY name",
        "word index data": "SELECT * FROM patents_search_data ORDER BY id",
        "word index docsize": "SELECT * FROM patents_search_docsize ORDER BY id",
        "landscape store": "SELECT * FROM patents_landscape_store ORDER BY part",
    }
    result = {}
    for name, sql in queries.items():
        h = hashlib.md5()
        for row in c.execute(sql):
            h.update(repr(row).encode())
        result[name] = h.hexdigest()
    return result


first = fingerprints(sys.argv[1])
second = fingerprints(sys.argv[2]) if len(sys.argv) > 2 else None
for name, digest in first.items():
    mark = "" if second is None else ("  same" if second[name] == digest else f"  DIFFERS ({second[name]})")
    print(f"{name:20} {digest}{mark}")
if second is not None and second != first:
    sys.exit(1)
