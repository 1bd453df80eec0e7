"""What a user would otherwise do: load the same two files with pandas and count per type (side-by-side reference)."""
import sys, time, pandas as pd
t = time.perf_counter()
e = pd.read_csv(sys.argv[1] + "/enablers.csv", dtype=str, keep_default_na=False)
a = pd.read_csv(sys.argv[1] + "/actions.csv", dtype=str, keep_default_na=False)
parts = a["participants"].str.split("; ").explode()
by_type = e.groupby("type").size()
print(f"pandas load + explode participants + group-by: {time.perf_counter() - t:.2f} s ({len(e)} enablers, {len(a)} actions, {len(parts)} participations)")
