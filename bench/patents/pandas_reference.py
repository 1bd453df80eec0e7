#!/usr/bin/python3
"""What a pandas user would do with the same file: load it, then three group-bys (records per publication year, per
applicant after splitting ';;', per IPC subclass). Prints seconds and peak memory (ru_maxrss).
Usage: /usr/bin/python3 pandas_reference.py FILE.csv"""
import resource, sys, time
import pandas as pd

t0 = time.perf_counter()
d = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, encoding="utf-8-sig")
t1 = time.perf_counter()
by_year = d.groupby("Publication Year").size()
apps = d[["Display Key", "Applicants"]].assign(a=d["Applicants"].str.split(";;")).explode("a")
top_apps = apps.groupby("a")["Display Key"].nunique().nlargest(20)
ipc = d[["Display Key", "IPCR Classifications"]].assign(s=d["IPCR Classifications"].str.split(";;")).explode("s")
ipc["s"] = ipc["s"].str[:4]
top_sub = ipc.groupby("s")["Display Key"].nunique().nlargest(20)
t2 = time.perf_counter()
print(f"pandas: load {t1 - t0:.1f} s, group-bys {t2 - t1:.1f} s, total {t2 - t0:.1f} s, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, rows {len(d)}")
