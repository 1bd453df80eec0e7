"""Writes a large registry in the import template's columns: N enablers and M joint actions (fixed seed).

Usage: python3 generate.py OUTDIR [ENABLERS] [ACTIONS]
Participants per action: 2 (80%), 3 (15%) or 5-12 (5%, events), drawn with a preferential bias so the network has hubs.
"""
import csv, random, sys, os

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
m = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
rng = random.Random(42)
os.makedirs(out, exist_ok=True)
types = ["enterprise"] * 60 + ["university"] * 8 + ["service_provider"] * 12 + ["investor"] * 8 + ["government"] * 3 + ["user"] * 5 + ["talent"] * 4
cities = [("Guangzhou", "Guangdong", "CN")] * 6 + [("Shenzhen", "Guangdong", "CN"), ("Shanghai", "Shanghai", "CN"), ("Beijing", "Beijing", "CN"), ("Cambridge", "England", "GB"), ("Boston", "Massachusetts", "US")]
segments = ["discovery", "development", "manufacturing", "sales", ""]
with open(os.path.join(out, "enablers.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["key", "type", "name_en", "name_zh", "aliases", "city", "province", "country", "segment"])
    for i in range(n):
        city, prov, country = rng.choice(cities)
        w.writerow([f"E{i:07d}", rng.choice(types), f"Organisation {i} Bio Co., Ltd.", f"机构{i}生物有限公司", f"Org{i}", city, prov, country, rng.choice(segments)])
kinds = ["collaboration", "co_patent", "licence", "investment", "service_engagement", "supply", "event"]
with open(os.path.join(out, "actions.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["key", "type", "start", "participants", "value", "currency", "description"])
    for j in range(m):
        r = rng.random()
        k = 2 if r < 0.8 else 3 if r < 0.95 else rng.randint(5, 12)
        ps = set()
        while len(ps) < k:
            # Half the picks from the first 2% of enablers: hubs.
            ps.add(rng.randrange(n // 50) if rng.random() < 0.5 else rng.randrange(n))
        kind = "event" if k > 3 else rng.choice(kinds)
        value = f"{rng.randint(1, 500) * 10000}" if kind in ("licence", "investment") else ""
        w.writerow([f"A{j:08d}", kind, f"{rng.randint(2011, 2023)}-{rng.randint(1, 12):02d}",
                    "; ".join(f"E{p:07d}:{'lead' if i == 0 else 'partner'}" for i, p in enumerate(sorted(ps))), value, "CNY" if value else "", ""])
