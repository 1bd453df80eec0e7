#!/usr/bin/python3
"""How long SQLite itself takes to write what a SQLite import writes — the import's floor on this machine, with no
.NET in the loop. Reads the rows of a workspace that already holds the imported file and writes them again, table by
table, into a new file with the import's schema and settings (32 KB pages, no sync, 128 MB cache, secondary indexes
built after the load with 4 MB and worker threads) and the word index into a scratch file of its own (as the import
does, FTS5 with the workspace's declaration and 64 MB hashsize). Every copy is INSERT … SELECT … WHERE, which SQLite
runs as row-by-row inserts (a plain SELECT * between tables of one declaration would be moved as whole records, which
the import cannot do). Reading the rows back is timed first, so it can be told apart.

The import interleaves the tables (a record, its links, its word-index entry) and binds its values from .NET; here each
table is written in one statement. Times are the process's CPU seconds and wall seconds per step (SQLite runs in this
process; Python only issues a dozen statements).

Usage: /usr/bin/python3 sqlite_floor.py WORKSPACE/archipelago.db"""
import os, sqlite3, sys, time

src = sys.argv[1]
out = src + "-floor"
words = src + "-floor-words"
for f in (out, words, out + "-journal"):
    if os.path.exists(f):
        os.remove(f)

db = sqlite3.connect(out, isolation_level=None)
db.execute("PRAGMA page_size = 32768")
db.execute("PRAGMA journal_mode = DELETE")
db.execute("PRAGMA synchronous = OFF")
db.execute("PRAGMA temp_store = FILE")
db.execute("PRAGMA cache_size = -131072")
db.execute("ATTACH DATABASE ? AS src", (src,))
schema = dict(db.execute("SELECT name, sql FROM src.sqlite_master WHERE name IN (?, ?, ?, ?, ?, ?)",
                         ("patents_records", "patents_record_applicants", "patents_record_symbols", "patents_symbols",
                          "patents_applicants", "patents_search")).fetchall())
indexes = [sql for (sql,) in db.execute(
    "SELECT sql FROM src.sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
    "('patents_records', 'patents_record_applicants', 'patents_record_symbols') ORDER BY name")]
for table in ("patents_records", "patents_record_applicants", "patents_record_symbols", "patents_symbols", "patents_applicants"):
    # No foreign keys outside the patents tables in this file.
    db.execute(schema[table].replace("REFERENCES kernel_enablers (id) ON DELETE SET NULL", ""))

total_cpu = 0.0
total_wall = 0.0


def step(what, sql, conn=db, count=True):
    global total_cpu, total_wall
    c0, w0 = time.process_time(), time.perf_counter()
    conn.execute(sql)
    c, w = time.process_time() - c0, time.perf_counter() - w0
    if count:
        total_cpu += c
        total_wall += w
    print(f"{what:<44} {w:6.2f} s wall {c:6.2f} s CPU", flush=True)


step("read every record column back (not counted)",
     "SELECT sum(length(publication_number) + length(jurisdiction) + length(kind) + length(document_type) + length(title) + "
     "length(abstract) + length(claims) + length(application_number) + length(priority_date) + length(application_date) + "
     "length(publication_date) + priority_year + application_year + publication_year + length(family_id) + length(applicants) + "
     "length(inventors) + length(ipc) + length(cpc) + length(source) + length(imported_at) + length(legal_status)) FROM src.patents_records",
     count=False)
db.execute("BEGIN")
step("records (with the publication-number key)", "INSERT INTO main.patents_records SELECT * FROM src.patents_records WHERE id > 0")
step("applicant links", "INSERT INTO main.patents_record_applicants SELECT * FROM src.patents_record_applicants WHERE record_id > 0")
step("classification links", "INSERT INTO main.patents_record_symbols SELECT * FROM src.patents_record_symbols WHERE record_id > 0")
step("symbols", "INSERT INTO main.patents_symbols SELECT * FROM src.patents_symbols WHERE id > 0")
step("applicants (the names met)", "INSERT INTO main.patents_applicants SELECT * FROM src.patents_applicants WHERE name <> ''")
db.execute("PRAGMA cache_size = -4096")
db.execute(f"PRAGMA threads = {min(8, os.cpu_count() or 1)}")
for sql in indexes:
    step("index " + sql.split(" ON ")[0].split()[-1], sql)
step("commit", "COMMIT")

w = sqlite3.connect(words, isolation_level=None)
for pragma in ("page_size = 32768", "journal_mode = OFF", "synchronous = OFF", "cache_size = -16384"):
    w.execute("PRAGMA " + pragma)
w.execute(schema["patents_search"])
w.execute("INSERT INTO patents_search (patents_search, rank) VALUES ('hashsize', 67108864)")
w.execute("ATTACH DATABASE ? AS src", (src,))
w.execute("BEGIN")
step("word index (FTS5, title, abstract, claims)",
     "INSERT INTO patents_search (rowid, title, abstract, claims) SELECT id, title, abstract, claims FROM src.patents_records WHERE id > 0", w)
step("word index commit", "COMMIT", w)
total = "total (SQLite writing the import's rows)"
print(f"{total:<44} {total_wall:6.2f} s wall {total_cpu:6.2f} s CPU")
print(f"sqlite {sqlite3.sqlite_version}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
for f in (out, words):
    os.remove(f)
