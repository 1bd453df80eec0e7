#!/usr/bin/python3
"""Independent landscape counts for a Lens.org CSV export, written from the rules in docs/patents.md — not from the
platform's code — with pandas. Prints JSON: records, families, by_year, top_applicants, top_subclasses, jurisdictions,
legal_statuses (records per stated Legal Status, upper case; rows without one are not counted), applicant_trends and
subclass_trends (records per publication year of the top 20), growth_window, applicant_growth and subclass_growth
(records in the last three complete years against the three before), co_applicants (the network of the 30 applicants
with the most records shared with another applicant), co_applicant_pairs (every pair named together, with its records).
The other exports are read by renaming their columns to Lens's, as docs/patents.md maps them: a WIPO patent landscape
table (the ritonavir sample: ' | ' separators, compact IPC, ISO timestamps), a PATENTSCOPE result list (the pizza
sample: Mac OS Roman, CR-only lines, ';' separators, dd.MM.yyyy dates, no family), and a Thomson Innovation export as
cleaned in VantagePoint (the synbio sample: '; ' separators, NA for missing; docs/patents-mappings/thomson-innovation.json).
Their jurisdiction is the office code that starts the publication number, when they have no column for it.
Usage: /usr/bin/python3 landscape_reference.py FILE [FILE...]   (files are imported in order; later rows win)"""
import json, re, sys, unicodedata
import pandas as pd

LEGAL = {"INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "LTD", "LIMITED", "LLC", "LLP", "LP", "PLC",
         "GMBH", "MBH", "AG", "KG", "SA", "SAS", "SARL", "SRL", "SPA", "BV", "NV", "AB", "AS", "ASA", "OY", "OYJ", "KK",
         "PTY", "LTDA", "SL", "SE", "CIE"}
CHINESE = ["股份有限公司", "有限责任公司", "有限公司", "公司", "集团"]
MISSING = {"", "NA", "N/A", "None", "none", "null", "NULL", "-"}

def normalise(raw):
    s = unicodedata.normalize("NFKC", raw).upper()
    s = "".join(ch if ch.isalnum() else " " for ch in s)
    tokens = s.split()
    for n in (3, 2):  # spaced initials of a legal form: S L, S A, B V, S P A
        if len(tokens) > n and all(len(t) == 1 for t in tokens[-n:]) and "".join(tokens[-n:]) in LEGAL:
            del tokens[-n:]
            break
    while True:
        if len(tokens) > 1 and (tokens[-1] in LEGAL or tokens[-1] in CHINESE or tokens[-1] == "AND"):
            tokens.pop(); continue
        if tokens:
            end = next((e for e in CHINESE if tokens[-1].endswith(e) and len(tokens[-1]) > len(e)), None)
            if end:
                tokens[-1] = tokens[-1][:-len(end)]; continue
        break
    return " ".join(tokens)

THOMSON = {"publication_number": "Publication Number", "publication_country": "Jurisdiction", "publication_date": "Publication Date",
           "publication_year": "Publication Year", "patent_assignees_cleaned": "Applicants",
           "international_classifications_codes": "IPCR Classifications", "inpadoc_family_member_numbers": "Simple Family Members"}

WIPO_LANDSCAPE = {"publication number": "Publication Number", "kind code": "Kind", "publication date": "Publication Date",
                  "publication year": "Publication Year", "applicant": "Applicants", "ipc classes": "IPCR Classifications",
                  "family members": "Simple Family Members"}
PATENTSCOPE = {"IPC": "IPCR Classifications"}

def number(s):
    return re.sub(r"[\s/\-.,]", "", s.strip().upper())

SUBCLASS = re.compile(r"^([A-HY]\d{2}[A-Z])(?:[\s\-_]*\d{1,4}\s*/\s*\d{0,6})?/?$")
COMPACT = re.compile(r"^([A-HY]\d{2}[A-Z])[\s\-_]*\d{4,10}$")

def subclass(code):
    c = code.strip().upper()
    # What offices write after a symbol (docs/patents.md, Classification): "(2006.01)", an ST.8 tail of an 8-digit
    # version date and flags, a lone letter.
    c = re.sub(r"\s*\(\d{4}\.\d{2}\)$", "", c)
    c = re.sub(r"\s+\d{8}[0-9A-Z]*$", "", c)
    c = re.sub(r"\s+[A-Z]$", "", c).strip()
    m = SUBCLASS.match(c) or COMPACT.match(c)
    return m.group(1) if m else None

def year_of(date, fallback):
    # ISO dates (with a time after them: WIPO's 1999-07-19T00:00:00Z), and PATENTSCOPE's dd.MM.yyyy; a date that is no
    # real day falls back to the publication year column.
    text = date.strip()
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$", text)
    dotted = re.match(r"^(\d{2})\.(\d{2})\.(\d{4})$", text)
    if iso or dotted:
        y, m, day = (iso.group(1), iso.group(2), iso.group(3)) if iso else (dotted.group(3), dotted.group(2), dotted.group(1))
        try:
            return pd.Timestamp(f"{y}-{m}-{day}").year
        except ValueError:
            pass
    return int(fallback) if fallback.strip().isdigit() else None

def read(f):
    try:
        return pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:  # PATENTSCOPE's pizza sample: Mac OS Roman, CR-only lines (its SOURCE.md)
        return pd.read_csv(f, dtype=str, keep_default_na=False, encoding="mac_roman")

def as_lens(d, columns, separator):
    """Another export's columns renamed to Lens's, and its multi-valued cells split as Lens's are."""
    d = d.rename(columns=columns)
    for col in ("Applicants", "IPCR Classifications", "Simple Family Members"):
        if col in d.columns:
            d[col] = d[col].str.replace(separator, ";;", regex=False)
    return d

frames = []
for f in sys.argv[1:]:
    d = read(f)
    own_family = False  # the record's own publication number is a member of its family (Lens lists its Lens ID apart)
    if "patent_assignees_cleaned" in d.columns:
        d, own_family = as_lens(d, THOMSON, ";"), True
    elif "ipc_classes" in [c.replace(" ", "_") for c in d.columns]:
        d, own_family = as_lens(d, WIPO_LANDSCAPE, "|"), True
    elif "Priority Data" in d.columns:
        d = as_lens(d, PATENTSCOPE, ";")
    key = "Display Key" if "Display Key" in d.columns else "Publication Number"
    d["pn"] = d[key].map(number)
    d["pn"] = [p if not k or p.endswith(k.upper()) else p + k.upper() for p, k in zip(d["pn"], d.get("Kind", pd.Series([""] * len(d))))]
    if own_family:
        d["Lens ID"] = d["pn"]
    if "Jurisdiction" not in d.columns:  # the office code that starts the number
        d["Jurisdiction"] = [m.group(1) if m else "" for m in (re.match(r"^([A-Z]{2})(?=[A-Z]{0,3}\d)", p) for p in d["pn"])]
    frames.append(d)
d = pd.concat(frames, ignore_index=True).fillna("").drop_duplicates("pn", keep="last")

def family(row):
    members = row.get("Simple Family Members", "")
    if members and members.strip() not in MISSING:
        ids = [m.strip() for m in members.split(";;") if m.strip()]
        if row.get("Lens ID", "").strip():
            ids.append(row["Lens ID"].strip())
        return min(ids)
    return row["pn"]

d["family"] = d.apply(family, axis=1)
d["year"] = [year_of(a, b) for a, b in zip(d["Publication Date"], d.get("Publication Year", pd.Series([""] * len(d), index=d.index)))]

def names(cell):
    """A name cell's names (docs/patents.md, Applicant names): missing markers skipped, a country code after two or
    more spaces dropped, and a part of legal-form words only joined to the name before it ("Clayton &; Co.")."""
    out = []
    for part in cell.split(";;"):
        part = part.strip()
        if part in MISSING:
            continue
        part = " ".join(re.sub(r"\s{2,}[A-Z]{2}\s*$", "", part).split())
        words = "".join(ch if ch.isalnum() else " " for ch in part.upper()).split()
        if out and words and all(w in LEGAL for w in words):
            out[-1] = out[-1] + ", " + part
        elif part:
            out.append(part)
    return out

apps = d[["pn", "Applicants"]].copy()
apps["name"] = apps["Applicants"].map(names)
apps = apps.explode("name").dropna(subset=["name"])
apps["name"] = apps["name"].map(normalise)
apps = apps[apps["name"] != ""].drop_duplicates(["pn", "name"])
top_app = apps.groupby("name")["pn"].nunique().reset_index().sort_values(["pn", "name"], ascending=[False, True]).head(20)

ipc = d[["pn", "IPCR Classifications"]].copy()
ipc["code"] = ipc["IPCR Classifications"].str.split(";;")
ipc = ipc.explode("code")
ipc["sub"] = ipc["code"].fillna("").map(subclass)
ipc = ipc.dropna(subset=["sub"]).drop_duplicates(["pn", "sub"])
top_sub = ipc.groupby("sub")["pn"].nunique().reset_index().sort_values(["pn", "sub"], ascending=[False, True]).head(20)

by_year = d.dropna(subset=["year"]).groupby("year").size().sort_index()
jur = d.groupby("Jurisdiction").size().reset_index(name="n").sort_values(["n", "Jurisdiction"], ascending=[False, True])
status = (d["Legal Status"] if "Legal Status" in d.columns else pd.Series([""] * len(d))).str.strip()
status = status[~status.isin(MISSING)].str.upper()
legal = status.value_counts().reset_index()
legal.columns = ["status", "n"]
legal = legal.sort_values(["n", "status"], ascending=[False, True])

# Trends: records per publication year of each top applicant and subclass (years without records left out).
def trends(frame, key, keys):
    dated = frame.merge(d[["pn", "year"]], on="pn").dropna(subset=["year"])
    counts = dated.groupby([key, "year"])["pn"].nunique()
    return {k: {str(int(y)): int(n) for y, n in counts[k].sort_index().items()} if k in counts.index.get_level_values(0) else {} for k in keys}

app_trends = trends(apps, "name", list(top_app["name"]))
sub_trends = trends(ipc, "sub", list(top_sub["sub"]))

# Growth window: the life cycle's years (years with records), the last left out when it has fewer than half the
# families of the year before (publication lag); the last three complete years against the three before, when the
# data reaches back that far.
fam_year = d.dropna(subset=["year"]).groupby("year")["family"].nunique().sort_index()
years = [int(y) for y in fam_year.index]
window = None
if years:
    last = years[-1]
    if len(years) >= 2 and fam_year.iloc[-1] * 2 < fam_year.iloc[-2]:
        last = years[-2]
    if years[0] <= last - 5:
        window = {"before_from": last - 5, "before_to": last - 3, "recent_from": last - 2, "recent_to": last}

def growth(tr):
    if window is None:
        return {}
    out = {}
    for k, series in tr.items():
        before = sum(series.get(str(y), 0) for y in range(window["before_from"], window["before_to"] + 1))
        recent = sum(series.get(str(y), 0) for y in range(window["recent_from"], window["recent_to"] + 1))
        out[k] = None if before == 0 else (recent - before) / before
    return out

# Co-applicants: records naming two or more (normalised, distinct) applicants.
per_record = apps.groupby("pn")["name"].apply(list)
shared = per_record[per_record.map(len) >= 2]
co_count = {}
for names in shared:
    for n in names:
        co_count[n] = co_count.get(n, 0) + 1
chosen = sorted(co_count, key=lambda n: (-co_count[n], n))[:30]
records_of = apps.groupby("name")["pn"].nunique()
pairs = {}
chosen_set = set(chosen)
for names in shared:
    mine = sorted(n for n in names if n in chosen_set)
    for i in range(len(mine)):
        for j in range(i + 1, len(mine)):
            pairs[(mine[i], mine[j])] = pairs.get((mine[i], mine[j]), 0) + 1
edges = sorted(pairs.items(), key=lambda p: (-p[1], p[0][0], p[0][1]))
all_pairs = {}
for names in shared:
    mine = sorted(set(names))
    for i in range(len(mine)):
        for j in range(i + 1, len(mine)):
            all_pairs[(mine[i], mine[j])] = all_pairs.get((mine[i], mine[j]), 0) + 1

print(json.dumps({
    "records": int(len(d)),
    "families": int(d["family"].nunique()),
    "by_year": {str(int(k)): int(v) for k, v in by_year.items()},
    "top_applicants": {r["name"]: int(r["pn"]) for _, r in top_app.iterrows()},
    "top_subclasses": {r["sub"]: int(r["pn"]) for _, r in top_sub.iterrows()},
    "jurisdictions": {r["Jurisdiction"]: int(r["n"]) for _, r in jur.iterrows()},
    "legal_statuses": {r["status"]: int(r["n"]) for _, r in legal.iterrows()},
    "applicant_trends": app_trends,
    "subclass_trends": sub_trends,
    "growth_window": window,
    "applicant_growth": growth(app_trends),
    "subclass_growth": growth(sub_trends),
    "co_applicants": {
        "records": int(len(shared)),
        "nodes": [{"name": n, "records": int(records_of[n]), "co_applied": co_count[n]} for n in chosen],
        "edges": [{"a": a, "b": b, "records": n} for (a, b), n in edges],
    },
    # The whole network (every pair of applicants named together), most records first, then by names.
    "co_applicant_pairs": [[a, b, n] for (a, b), n in sorted(all_pairs.items(), key=lambda p: (-p[1], p[0][0], p[0][1]))],
}, ensure_ascii=False))
