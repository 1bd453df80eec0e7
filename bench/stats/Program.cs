using System.Diagnostics;
using Archipelago.Numerics.Statistics;

// Usage: dotnet run -c Release -- <workdir>
// Writes <workdir>/ols_1e6x50.f64 (row-major n × 51: y then x1..x50) for the statsmodels side, then times our code.
var dir = args.Length > 0 ? args[0] : "/tmp/archipelago-stats-bench";
Directory.CreateDirectory(dir);
var rng = new Random(20261121);
double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
if (args.Contains("--only-efa")) { Efa(); return; }

// 1. OLS 1,000,000 × 50
const int n = 1_000_000, k = 50;
var x = new double[k][];
for (var j = 0; j < k; j++) x[j] = new double[n];
var y = new double[n];
for (var i = 0; i < n; i++)
{
    double s = 1;
    var common = Normal();
    for (var j = 0; j < k; j++) { var v = 0.3 * common + Normal(); x[j][i] = v; s += (j % 7 - 3) * 0.1 * v; }
    y[i] = s + Normal();
}
using (var f = new BinaryWriter(File.Create(Path.Combine(dir, "ols_1e6x50.f64"))))
    for (var i = 0; i < n; i++) { f.Write(y[i]); for (var j = 0; j < k; j++) f.Write(x[j][i]); }
var names = Enumerable.Range(1, k).Select(j => "x" + j).ToArray();
var xs = x.Cast<IReadOnlyList<double>>().ToArray();
LinearRegression.Fit("y", y[..5000], names, x.Select(c => (IReadOnlyList<double>)c[..5000]).ToArray()); // JIT warm-up
var times = new List<double>();
RegressionResult? fit = null;
for (var rep = 0; rep < 3; rep++)
{
    var sw = Stopwatch.StartNew();
    fit = LinearRegression.Fit("y", y, names, xs);
    times.Add(sw.Elapsed.TotalSeconds);
}
Console.WriteLine($"ols_1e6x50_seconds_min={times.Min():F3} all=[{string.Join(", ", times.Select(t => t.ToString("F3")))}]");
Console.WriteLine($"ols_check b1={fit!.Coefficients[1].B:R} se1={fit.Coefficients[1].StdError:R} r2={fit.RSquared:R} F={fit.F:R} dw={fit.Summary.DurbinWatson:R}");

// 2. Stepwise over 100 candidates, 10,000 rows
const int n2 = 10_000, k2 = 100;
var cx = new double[k2][];
for (var j = 0; j < k2; j++) cx[j] = new double[n2];
var cy = new double[n2];
for (var i = 0; i < n2; i++)
{
    var common = Normal();
    double s = 0;
    for (var j = 0; j < k2; j++) { var v = 0.5 * common + Normal(); cx[j][i] = v; if (j % 5 == 0) s += 0.05 * (j % 3 + 1) * v; }
    cy[i] = s + Normal();
}
var cnames = Enumerable.Range(1, k2).Select(j => "c" + j).ToArray();
var cxs = cx.Cast<IReadOnlyList<double>>().ToArray();
StepwiseRegression.Select("y", cy[..2000], cnames, cx.Select(c => (IReadOnlyList<double>)c[..2000]).ToArray()); // warm-up
var sw2 = Stopwatch.StartNew();
var sel = StepwiseRegression.Select("y", cy, cnames, cxs);
Console.WriteLine($"stepwise_100x1e4_seconds={sw2.Elapsed.TotalSeconds:F3} steps={sel.Steps.Count} final_r2={sel.Final?.Fit.RSquared:F6}");

// 3. Reliability of 100 items × 10,000 responses (1–5 Likert from a one-factor model)
const int n3 = 10_000, k3 = 100;
var items = new double[k3][];
for (var j = 0; j < k3; j++) items[j] = new double[n3];
for (var i = 0; i < n3; i++)
{
    var f1 = Normal();
    for (var j = 0; j < k3; j++) items[j][i] = Math.Clamp(Math.Round(3 + 0.6 * f1 + Normal()), 1, 5);
}
var inames = Enumerable.Range(1, k3).Select(j => "i" + j).ToArray();
var iitems = items.Cast<IReadOnlyList<double>>().ToArray();
Reliability.Analyze(inames[..5], iitems[..5]); // warm-up
var sw3 = Stopwatch.StartNew();
var rel = Reliability.Analyze(inames, iitems, new ReliabilityOptions(ComputeOmega: false));
Console.WriteLine($"reliability_alpha_only_100x1e4_seconds={sw3.Elapsed.TotalSeconds:F3} alpha={rel.Alpha:F6}");
sw3.Restart();
var relO = Reliability.Analyze(inames, iitems);
Console.WriteLine($"reliability_with_omega_and_omega_if_deleted_100x1e4_seconds={sw3.Elapsed.TotalSeconds:F3} omega={relO.Omega:F6}");

Efa();

// 4. Correlation matrix and EFA of 100 items × 10,000 responses (1–5 Likert, five factors of 20 items), the data written
//    to <workdir>/efa_1e4x100.f64 (row-major) for bench/stats/psych_efa.R.
void Efa()
{
    var efaRng = new Random(5);
    double N() => Math.Sqrt(-2 * Math.Log(1 - efaRng.NextDouble())) * Math.Cos(2 * Math.PI * efaRng.NextDouble());
    const int rows = 10_000, p = 100;
    var cols = new double[p][];
    for (var j = 0; j < p; j++) cols[j] = new double[rows];
    var f = new double[5];
    for (var i = 0; i < rows; i++)
    {
        for (var q = 0; q < 5; q++) f[q] = N();
        for (var j = 0; j < p; j++) cols[j][i] = Math.Clamp(Math.Round(3 + 0.7 * f[j % 5] + N()), 1, 5);
    }
    using (var w = new BinaryWriter(File.Create(Path.Combine(dir, "efa_1e4x100.f64"))))
        for (var i = 0; i < rows; i++) for (var j = 0; j < p; j++) w.Write(cols[j][i]);
    var names = Enumerable.Range(1, p).Select(j => "i" + j).ToArray();
    var list = cols.Cast<IReadOnlyList<double>>().ToArray();
    Correlation.Matrix(names[..5], list[..5], CorrelationMethod.Pearson); // warm-up
    var sw = Stopwatch.StartNew();
    var corr = Correlation.Matrix(names, list, CorrelationMethod.Pearson);
    Console.WriteLine($"corr_pearson_p_n_100x1e4_seconds={sw.Elapsed.TotalSeconds:F3} r12={corr.R[0, 1]:R}");
    sw.Restart();
    var spear = Correlation.Matrix(names, list, CorrelationMethod.Spearman);
    Console.WriteLine($"corr_spearman_p_n_100x1e4_seconds={sw.Elapsed.TotalSeconds:F3} rho12={spear.R[0, 1]:R}");
    var r = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(corr.R);
    FactorAnalysis.Fit(names[..10], r.SubMatrix(0, 10, 0, 10), 2, Extraction.PrincipalAxis, Rotation.Varimax); // warm-up
    sw.Restart();
    var kmo = FactorAnalysis.Kmo(r);
    var bart = FactorAnalysis.Bartlett(r, rows);
    var fa = FactorAnalysis.Fit(names, r, 5, Extraction.PrincipalAxis, Rotation.Varimax);
    Console.WriteLine($"kmo_bartlett_pa5_varimax_100_seconds={sw.Elapsed.TotalSeconds:F3} kmo={kmo.Overall:R} iterations={fa.Iterations} h2_1={fa.Communalities[0]:R}");
    sw.Restart();
    var ob = FactorAnalysis.Fit(names, r, 5, Extraction.PrincipalAxis, Rotation.Oblimin);
    Console.WriteLine($"pa5_oblimin_100_seconds={sw.Elapsed.TotalSeconds:F3} converged={ob.Converged}");
    sw.Restart();
    var par = FactorAnalysis.Parallel(r, rows, 20, new Random(1));
    Console.WriteLine($"parallel_20_iterations_100x1e4_seconds={sw.Elapsed.TotalSeconds:F3} factors={par.SuggestedFactors} components={par.SuggestedComponents}");
}
