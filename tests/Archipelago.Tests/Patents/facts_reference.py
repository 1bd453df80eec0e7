#!/usr/bin/python3
"""Independent per-year counts for PatentFactsTests (run once; output pasted in the test):
/usr/bin/python3 tests/Archipelago.Tests/Patents/facts_reference.py [/work/shared/data]"""
import pandas as pd, json, re, sys
DATA = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data'
def norm(s): return re.sub(r"[\s/\-.,]", "", s.strip().upper())
a = pd.read_csv(DATA + '/patents-lens-sangamo/lens-export.csv', dtype=str, keep_default_na=False, encoding='utf-8-sig')
a = pd.DataFrame({'family': [min([m for m in f.split(';;') if m] + [l]) for f, l in zip(a['Simple Family Members'], a['Lens ID'])],
                  'py': a['Earliest Priority Date'].str[:4].astype(int), 'uy': a['Publication Date'].str[:4].astype(int),
                  'gene': a['IPCR Classifications'].str.split(';;').apply(lambda cs: any(c.startswith('A61K48/') for c in cs))})
b = pd.read_csv(DATA + '/patents-wipo-ritonavir/ritonavir.csv', dtype=str, keep_default_na=False)
num = [norm(n) + (k.upper() if not norm(n).endswith(k.upper()) else '') for n, k in zip(b['publication number'], b['kind code'])]
b = pd.DataFrame({'family': [n if f.strip() in ('', 'None') else min([m.strip() for m in f.split('|') if m.strip()] + [n]) for n, f in zip(num, b['family members'])],
                  'py': b['earliest priority date'].str[:4].astype(int), 'uy': b['publication date'].str[:4].astype(int), 'gene': b['ipc classes'].str.split('|').apply(lambda cs: any(c.strip().startswith('A61K048') for c in cs))})  # compact form: A61K04800 = A61K 48/00
d = pd.concat([a, b])
def fill(s): return {str(y): int(s.get(y, 0)) for y in range(s.index.min(), s.index.max() + 1)}
def series(x): return {'families-priority': fill(x.groupby('family')['py'].min().value_counts()),
                       'records-publication': fill(x['uy'].value_counts()),
                       'families-publication': fill(x.groupby('family')['uy'].min().value_counts()),
                       'records-priority': fill(x['py'].value_counts())}
print(json.dumps({'records': len(d), 'families': int(d['family'].nunique()), 'all': series(d), 'gene-therapy': series(d[d['gene']])}))
