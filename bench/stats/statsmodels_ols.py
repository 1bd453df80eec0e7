# statsmodels side of the OLS benchmark on the SAME data written by the .NET program.
import sys, time
import numpy as np
import statsmodels.api as sm
from statsmodels.stats.stattools import durbin_watson
path = sys.argv[1]
a = np.fromfile(path, dtype="<f8").reshape(-1, 51)
y, X = a[:, 0], sm.add_constant(a[:, 1:])
times = []
for rep in range(2):
    t = time.perf_counter()
    r = sm.OLS(y, X).fit()
    out = (r.params, r.bse, r.tvalues, r.pvalues, r.conf_int(), r.rsquared, r.rsquared_adj, r.fvalue, r.f_pvalue,
           r.ess, r.ssr, r.mse_resid, durbin_watson(r.resid))
    times.append(time.perf_counter() - t)
print(f"statsmodels_ols_1e6x50_seconds_min={min(times):.3f} all={[round(t, 3) for t in times]}")
print(f"statsmodels_check b1={r.params[1]!r} se1={r.bse[1]!r} r2={r.rsquared!r} F={r.fvalue!r} dw={durbin_watson(r.resid)!r}")
import statsmodels; print("statsmodels", statsmodels.__version__, "numpy", np.__version__)
