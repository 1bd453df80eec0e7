#!/usr/bin/python3
"""Writes a synthetic Lens.org CSV export (current layout columns the importer reads) whose distributions follow the
shipped samples: jurisdictions and publication years from the drones export (5,884 families), applicants drawn with
their observed frequencies from the drones and Sangamo exports, applicants per record from the same, IPC symbols per
record and their frequencies from the CRISPR patent-IPC table (245,647 links), CPC symbols per record and their
frequencies from the drones and Sangamo exports (4.9 and 25.7 a record; records without any as often as there),
titles and abstracts assembled from the words of the real ones with the real ones' lengths in words, priority numbers,
inventors and kinds per record as in the samples, and the Sangamo export's legal-status mix. Seeded, so every run
writes the same file. (Before 2026-11-21 abstracts were 40-110 words, about twice the real ones' 35, and every record
had one priority, one kind and no legal status: that file was 865 MB at 1M rows. The next version left the CPC column
empty: 623 MB. Now 686 MB.)
Usage: /usr/bin/python3 generate_lens.py ROWS OUT.csv [DATA_DIR]"""
import csv, random, sys, os, collections

rows, out = int(sys.argv[1]), sys.argv[2]
data = sys.argv[3] if len(sys.argv) > 3 else "/work/shared/data"
rnd = random.Random(20261121)

def read(path, **kw):
    with open(os.path.join(data, path), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, **kw))

drones = read("patents-lens-drones-families/drone_drones_fulltext_families_5884.csv")
sangamo = read("patents-lens-sangamo/lens-export.csv")
juris = collections.Counter(r["Jurisdiction"] for r in drones)
years = collections.Counter(r["Publication Year"] for r in drones if r["Publication Year"])
apps = collections.Counter(a.strip() for r in drones + sangamo for a in r["Applicants"].split(";;") if a.strip())
per_record = collections.Counter(len([a for a in r["Applicants"].split(";;") if a.strip()]) for r in drones + sangamo)
ipc_by_patent = collections.defaultdict(list)
with open(os.path.join(data, "patents-lens-crispr-ipc/crispr_ipc.tsv"), encoding="utf-8") as f:
    next(f)
    for line in f:
        pid, code = line.rstrip("\n").split("\t")
        ipc_by_patent[pid].append(code)
ipc_sets = list(ipc_by_patent.values())
title_words = [w for r in drones + sangamo for w in r["Title"].split()]
abstract_words = [w for r in sangamo for w in r["Abstract"].split()]
def count(values):
    return collections.Counter(n for n in values if n > 0)
title_lengths = count(len(r["Title"].split()) for r in drones + sangamo)
abstract_lengths = count(len(r["Abstract"].split()) for r in sangamo)
priorities = count(len([p for p in r["Priority Numbers"].split(";;") if p.strip()]) for r in drones + sangamo)
inventors = count(len([p for p in r["Inventors"].split(";;") if p.strip()]) for r in drones + sangamo)
kinds = collections.Counter(r["Kind"] for r in drones if r["Kind"])
statuses = collections.Counter(r["Legal Status"] for r in sangamo if r["Legal Status"])
def symbols(r):
    return [c.strip() for c in r["CPC Classifications"].split(";;") if c.strip()]
cpc_counts = collections.Counter(len(symbols(r)) for r in drones + sangamo)  # zero included: records without CPC
cpc = collections.Counter(c for r in drones + sangamo for c in symbols(r))

def choices(counter, k):
    keys = list(counter)
    return rnd.choices(keys, weights=[counter[x] for x in keys], k=k)

J = choices(juris, rows)
Y = choices(years, rows)
N = choices(per_record, rows)
T, A, P, I = (choices(c, rows) for c in (title_lengths, abstract_lengths, priorities, inventors))
K, S = choices(kinds, rows), choices(statuses, rows)
C = choices(cpc_counts, rows)
app_pool = choices(apps, sum(N))
cpc_pool = choices(cpc, sum(C))
cols = ["#", "Jurisdiction", "Kind", "Display Key", "Lens ID", "Publication Date", "Publication Year", "Application Number",
        "Application Date", "Priority Numbers", "Earliest Priority Date", "Title", "Abstract", "Applicants", "Inventors",
        "Simple Family Members", "CPC Classifications", "IPCR Classifications", "Legal Status"]
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(cols)
    p = q = 0
    for i in range(rows):
        j, y = J[i], int(Y[i])
        a = app_pool[p:p + N[i]]; p += N[i]
        c = list(dict.fromkeys(cpc_pool[q:q + C[i]])); q += C[i]  # a symbol once per record
        lens = f"{i // 1000000:03d}-{(i // 1000) % 1000:03d}-{i % 1000:03d}-{rnd.randrange(1000):03d}-{rnd.randrange(1000):03d}"
        fam = f"{(i // 2) // 1000000:03d}-{((i // 2) // 1000) % 1000:03d}-{(i // 2) % 1000:03d}-000-000"  # about two members a family
        m, d = rnd.randint(1, 12), rnd.randint(1, 28)
        prio = max(1900, y - rnd.choice([1, 1, 2, 2, 3, 4]))
        ipc = rnd.choice(ipc_sets)
        # further priorities: earlier filings elsewhere, as in the samples' lists
        prios = [f"{j} {prio}{i:07d} A"] + [f"{rnd.choice(J)} {prio - 1}{rnd.randrange(10 ** 7):07d} A" for _ in range(P[i] - 1)]
        w.writerow([i + 1, j, K[i], f"{j} {10000000 + i} {K[i]}", lens, f"{y}-{m:02d}-{d:02d}", y, f"{j} {y}{i:07d} A",
                    f"{prio}-{m:02d}-{d:02d}", ";;".join(prios), f"{prio}-{m:02d}-{d:02d}",
                    " ".join(rnd.choices(title_words, k=T[i])),
                    " ".join(rnd.choices(abstract_words, k=A[i])),
                    ";;".join(a), ";;".join(rnd.choices(list(apps), k=I[i])), f"{fam};;{lens}", ";;".join(c), ";;".join(ipc), S[i]])
print(out, rows)
