// Times MonteCarlo.Run on the benchmark model (bench-model.json, the same model mc_numpy.py implements):
// 20-year horizon (8 development years in 5 phases + 12 market years), Bernoulli phase outcomes,
// triangular phase costs, lognormal peak sales, triangular margin, 21 % tax (per-year max(0, profit)).
// Usage: dotnet run -c Release -- [paths=1000000] [seed=2026] [repeats=5]
using System.Diagnostics;
using System.Globalization;
using Archipelago.Numerics.Finance;

var paths = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var seed = args.Length > 1 ? ulong.Parse(args[1], CultureInfo.InvariantCulture) : 2026UL;
var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var modelPath = Path.Combine(AppContext.BaseDirectory, "bench-model.json");
var asset = AssetJson.Parse(File.ReadAllText(modelPath)).Asset;

// Warm-up (JIT, thread pool), then timed repeats; the whole Run is timed including sort and statistics.
MonteCarlo.Run(asset, new MonteCarloOptions(Paths: 100_000, Seed: seed));
var times = new List<double>();
MonteCarloResult? result = null;
for (var i = 0; i < repeats; i++)
{
    var sw = Stopwatch.StartNew();
    result = MonteCarlo.Run(asset, new MonteCarloOptions(Paths: paths, Seed: seed));
    times.Add(sw.Elapsed.TotalSeconds);
}
var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
MonteCarlo.Run(asset, new MonteCarloOptions(Paths: paths, Seed: seed));
var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocBefore) / 1e6;
var single = Stopwatch.StartNew();
var one = MonteCarlo.Run(asset, new MonteCarloOptions(Paths: paths, Seed: seed, MaxDegreeOfParallelism: 1));
var singleSeconds = single.Elapsed.TotalSeconds;
times.Sort();
var r = result!;
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv,
    $"{{\"impl\":\"dotnet\",\"paths\":{paths},\"threads\":{Environment.ProcessorCount},\"median_s\":{times[times.Count / 2]:F4},\"best_s\":{times[0]:F4},\"single_thread_s\":{singleSeconds:F4},\"allocated_mb_per_run\":{allocatedMb:F2}," +
    $"\"mean\":{r.Mean:F4},\"std_error\":{r.StdError:F4},\"p5\":{r.P5:F4},\"p50\":{r.P50:F4},\"p95\":{r.P95:F4},\"p_positive\":{r.ProbabilityPositive:F5},\"base_case_rnpv\":{r.BaseCaseRnpv:F4},\"identical_single_thread\":{(one.Mean == r.Mean ? "true" : "false")}}}"));
