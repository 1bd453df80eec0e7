namespace Archipelago.Numerics.Finance;

/// <summary>Correlation ρ between two uncertain inputs, applied through a Gaussian copula.</summary>
public sealed record InputCorrelation(AssetInput A, AssetInput B, double Rho);

/// <summary>
/// A <see cref="DrugAsset"/> whose inputs may be uncertain. <see cref="Base"/> is the asset with every uncertain
/// input set to its distribution's mean; its deterministic rNPV is the "base case".
/// </summary>
/// <remarks>
/// Uncertain inputs: phase costs, phase probabilities, peak sales, margin, launch cost (the discount rate is not;
/// value scenarios of it with <see cref="Rnpv"/>). Correlations are rank-style dependence through a Gaussian
/// copula: correlated inputs are drawn as X_j = F_j⁻¹(Φ((L z)_j)) with L the Cholesky factor of the correlation
/// matrix and z independent standard normals; a matrix that is not positive definite is rejected.
/// </remarks>
public sealed record UncertainDrugAsset
{
    public UncertainDrugAsset(DrugAsset asset, IReadOnlyDictionary<AssetInput, Distribution>? inputs = null,
        IReadOnlyList<InputCorrelation>? correlations = null)
    {
        ArgumentNullException.ThrowIfNull(asset);
        inputs ??= new Dictionary<AssetInput, Distribution>();
        correlations ??= [];
        var baseAsset = asset;
        foreach (var (input, dist) in inputs.OrderBy(kv => kv.Key.Key, StringComparer.Ordinal))
        {
            CheckInput(asset, input);
            try { baseAsset = baseAsset.With(input, dist.Mean); }
            catch (ValuationInputException e) { throw new ValuationInputException(e.Code, input.Key, "mean of the distribution: " + e.Detail); }
        }
        Base = baseAsset;
        Inputs = inputs.OrderBy(kv => kv.Key.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
        Correlations = correlations.ToArray();

        var correlated = new List<AssetInput>();
        foreach (var c in Correlations)
        {
            foreach (var x in new[] { c.A, c.B })
            {
                if (!Inputs.ContainsKey(x))
                    throw new ValuationInputException(ValuationErrorCodes.InvalidCorrelation, x.Key, "a correlated input must have a distribution");
                if (!correlated.Contains(x)) correlated.Add(x);
            }
            if (c.A == c.B)
                throw new ValuationInputException(ValuationErrorCodes.InvalidCorrelation, c.A.Key, "an input cannot be correlated with itself");
            if (!double.IsFinite(c.Rho) || c.Rho < -1 || c.Rho > 1)
                throw new ValuationInputException(ValuationErrorCodes.InvalidCorrelation, c.A.Key, $"correlation must be in [-1, 1], got {c.Rho}");
        }
        var n = correlated.Count;
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++) matrix[i, i] = 1;
        foreach (var c in Correlations)
        {
            int i = correlated.IndexOf(c.A), j = correlated.IndexOf(c.B);
            if (matrix[i, j] != 0)
                throw new ValuationInputException(ValuationErrorCodes.InvalidCorrelation, c.A.Key, $"correlation with {c.B.Key} given twice");
            matrix[i, j] = matrix[j, i] = c.Rho;
        }
        CorrelatedInputs = correlated.ToArray();
        CholeskyFactor = Cholesky(matrix);
    }

    public DrugAsset Base { get; }
    public IReadOnlyDictionary<AssetInput, Distribution> Inputs { get; }
    public IReadOnlyList<InputCorrelation> Correlations { get; }
    internal AssetInput[] CorrelatedInputs { get; }
    internal double[,] CholeskyFactor { get; }

    static void CheckInput(DrugAsset asset, AssetInput input)
    {
        switch (input.Kind)
        {
            case AssetInputKind.PhaseCost or AssetInputKind.PhaseProbability when input.PhaseIndex < 0 || input.PhaseIndex >= asset.Phases.Count:
                throw new ValuationInputException(ValuationErrorCodes.UnknownPhase, input.Key, $"there are {asset.Phases.Count} phases");
            case AssetInputKind.DiscountRate:
                throw new ValuationInputException(ValuationErrorCodes.InvalidDistribution, input.Key, "the discount rate cannot be uncertain; run scenarios instead");
        }
    }

    /// <summary>Lower-triangular L with L Lᵀ = matrix; throws <see cref="ValuationErrorCodes.CorrelationNotPositiveDefinite"/> otherwise.</summary>
    public static double[,] Cholesky(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var d = matrix[j, j];
            for (var k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            if (!(d > 1e-12))
                throw new ValuationInputException(ValuationErrorCodes.CorrelationNotPositiveDefinite, "correlations",
                    "the correlation matrix is not positive definite (a pivot of its Cholesky factorisation is <= 0); make the correlations mutually consistent");
            l[j, j] = Math.Sqrt(d);
            for (var i = j + 1; i < n; i++)
            {
                var s = matrix[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        return l;
    }
}

/// <summary>How phase outcomes enter each Monte Carlo path.</summary>
public enum PhaseOutcomes
{
    /// <summary>Each phase succeeds with a Bernoulli draw; a failed path stops spending and earns nothing.</summary>
    Bernoulli,
    /// <summary>No draw: each path's cash flows are probability-weighted, as in rNPV (isolates input uncertainty).</summary>
    ProbabilityWeighted,
}

/// <summary>Monte Carlo settings. Paths are split into fixed chunks of <see cref="MonteCarlo.ChunkSize"/>, chunk c drawing from
/// stream c of <see cref="Seed"/>, so results are identical for any number of threads.</summary>
public sealed record MonteCarloOptions(int Paths = 100_000, ulong Seed = 1, PhaseOutcomes PhaseOutcomes = PhaseOutcomes.Bernoulli,
    int HistogramBins = 50, int? MaxDegreeOfParallelism = null, bool KeepPaths = false);

/// <summary>Histogram bin [Lower, Upper) (the last bin includes Upper).</summary>
public sealed record HistogramBin(double Lower, double Upper, int Count);

/// <summary>Monte Carlo result. Percentiles interpolate linearly between order statistics (numpy's default).</summary>
/// <param name="ExpectedLoss">E[max(−NPV, 0)]: mean loss over all paths, as a positive number.</param>
/// <param name="ProbabilityPositive">Share of paths with NPV &gt; 0.</param>
/// <param name="BaseCaseRnpv">Deterministic rNPV at the distribution means.</param>
/// <param name="PathValues">Sorted path NPVs when <see cref="MonteCarloOptions.KeepPaths"/>, else null.</param>
public sealed record MonteCarloResult(int Paths, ulong Seed, double Mean, double StdDev, double StdError,
    double P5, double P10, double P50, double P90, double P95, double Min, double Max,
    double ProbabilityPositive, double ExpectedLoss, double BaseCaseRnpv,
    IReadOnlyList<HistogramBin> Histogram, double[]? PathValues)
{
    /// <summary>Percentile q in [0, 1] of sorted values, linear interpolation (R type 7).</summary>
    public static double Percentile(double[] sorted, double q)
    {
        if (sorted.Length == 0) return double.NaN;
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

/// <summary>
/// Monte Carlo simulation of a drug asset's NPV. Each path draws the uncertain inputs (independent ones directly,
/// correlated ones through the Gaussian copula), then the phase outcomes (Bernoulli), and values the path with the
/// same cash-flow rules and discount factors as <see cref="Rnpv"/>. Sampled probabilities are clamped to [0, 1],
/// sampled costs, peak sales and launch cost to ≥ 0, sampled margins to [−1, 1].
/// </summary>
public static class MonteCarlo
{
    /// <summary>Paths per random stream.</summary>
    public const int ChunkSize = 16_384;

    public static MonteCarloResult Run(UncertainDrugAsset asset, MonteCarloOptions options)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Paths < 1)
            throw new ValuationInputException(ValuationErrorCodes.Required, "paths", $"paths must be >= 1, got {options.Paths}");
        if (options.HistogramBins < 1)
            throw new ValuationInputException(ValuationErrorCodes.Required, "histogramBins", $"histogram bins must be >= 1, got {options.HistogramBins}");
        var model = new PathModel(asset);
        var paths = options.Paths;
        var values = new double[paths];
        var chunks = (paths + ChunkSize - 1) / ChunkSize;
        var bernoulli = options.PhaseOutcomes == PhaseOutcomes.Bernoulli;
        var seed = options.Seed;
        var po = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, chunks, po, c =>
        {
            var rng = Xoshiro256.ForStream(seed, (ulong)c);
            var x = new double[model.InputCount];
            var z = new double[model.CorrelatedCount];
            var end = Math.Min(paths, (c + 1) * ChunkSize);
            for (var i = c * ChunkSize; i < end; i++) values[i] = model.Path(ref rng, x, z, bernoulli);
        });
        return Summarise(values, options, Rnpv.Calculate(asset.Base).Value);
    }

    /// <summary>
    /// The raw input draws of the first <paramref name="paths"/> paths (same streams as <see cref="Run"/>, ignoring
    /// the Bernoulli phase draws), keyed by input key; for checking distributions and copula correlations.
    /// </summary>
    public static IReadOnlyDictionary<string, double[]> SampleInputs(UncertainDrugAsset asset, int paths, ulong seed)
    {
        var model = new PathModel(asset);
        var keys = asset.Inputs.Keys.ToArray();
        var result = keys.ToDictionary(k => k.Key, _ => new double[paths]);
        var x = new double[model.InputCount];
        var z = new double[model.CorrelatedCount];
        for (var c = 0; c * ChunkSize < paths; c++)
        {
            var rng = Xoshiro256.ForStream(seed, (ulong)c);
            for (var i = c * ChunkSize; i < Math.Min(paths, (c + 1) * ChunkSize); i++)
            {
                model.Draw(ref rng, x, z);
                for (var j = 0; j < keys.Length; j++) result[keys[j].Key][i] = x[j];
            }
        }
        return result;
    }

    static MonteCarloResult Summarise(double[] values, MonteCarloOptions options, double baseCase)
    {
        var n = values.Length;
        double sum = 0, loss = 0;
        var positive = 0;
        for (var i = 0; i < n; i++)
        {
            var v = values[i];
            sum += v;
            if (v > 0) positive++; else loss -= v;
        }
        var mean = sum / n;
        double ss = 0;
        for (var i = 0; i < n; i++) { var d = values[i] - mean; ss += d * d; }
        var sd = n > 1 ? Math.Sqrt(ss / (n - 1)) : 0;
        Array.Sort(values);
        double min = values[0], max = values[^1];
        var bins = new List<HistogramBin>(options.HistogramBins);
        if (max > min)
        {
            var counts = new int[options.HistogramBins];
            var width = (max - min) / options.HistogramBins;
            foreach (var v in values) counts[Math.Min((int)((v - min) / width), options.HistogramBins - 1)]++;
            for (var b = 0; b < counts.Length; b++)
                bins.Add(new HistogramBin(min + b * width, b == counts.Length - 1 ? max : min + (b + 1) * width, counts[b]));
        }
        else bins.Add(new HistogramBin(min, max, n));
        double P(double q) => MonteCarloResult.Percentile(values, q);
        return new MonteCarloResult(n, options.Seed, mean, sd, sd / Math.Sqrt(n),
            P(0.05), P(0.10), P(0.50), P(0.90), P(0.95), min, max,
            (double)positive / n, loss / n, baseCase, bins, options.KeepPaths ? values : null);
    }

    /// <summary>The asset flattened into arrays for allocation-free path valuation.</summary>
    sealed class PathModel
    {
        readonly Distribution[] _dists;
        readonly int[] _independent;
        readonly int[] _correlated;
        readonly double[] _chol; // row-major lower triangle, n × n
        readonly double[] _baseCost, _baseProb, _annuity;
        readonly int[] _costSlot, _probSlot;
        readonly double _basePeak, _baseMargin, _baseLaunch, _otherShares, _tax;
        readonly int _peakSlot, _marginSlot, _launchSlot;
        readonly double[] _marketDf, _marketShape;

        public int InputCount => _dists.Length;
        public int CorrelatedCount => _correlated.Length;

        public PathModel(UncertainDrugAsset u)
        {
            var a = u.Base;
            var keys = u.Inputs.Keys.ToArray();
            _dists = keys.Select(k => u.Inputs[k]).ToArray();
            int Slot(AssetInput k) => Array.IndexOf(keys, k);
            _correlated = u.CorrelatedInputs.Select(Slot).ToArray();
            _independent = Enumerable.Range(0, keys.Length).Where(i => !_correlated.Contains(i)).ToArray();
            var n = _correlated.Length;
            _chol = new double[n * n];
            for (var i = 0; i < n; i++) for (var j = 0; j <= i; j++) _chol[i * n + j] = u.CholeskyFactor[i, j];

            var phases = a.Phases;
            _baseCost = phases.Select(p => p.Cost).ToArray();
            _baseProb = phases.Select(p => p.Probability).ToArray();
            _costSlot = phases.Select((_, i) => Slot(AssetInput.PhaseCost(i))).ToArray();
            _probSlot = phases.Select((_, i) => Slot(AssetInput.PhaseProbability(i))).ToArray();
            _annuity = new double[phases.Count];
            var t = 0;
            for (var i = 0; i < phases.Count; i++)
            {
                double s = 0;
                for (var y = 0; y < phases[i].Years; y++, t++) s += a.DiscountFactor(t);
                _annuity[i] = phases[i].Years == 0 ? 0 : s / phases[i].Years;
            }
            var m = a.Market;
            _marketDf = new double[m.YearsOnMarket];
            _marketShape = new double[m.YearsOnMarket];
            for (var k = 1; k <= m.YearsOnMarket; k++, t++)
            {
                _marketDf[k - 1] = a.DiscountFactor(t);
                _marketShape[k - 1] = m.UptakeFactor(k) * m.ErosionFactor(a.StartYear + t);
            }
            _basePeak = m.PeakSales; _baseMargin = m.Margin; _baseLaunch = m.LaunchCost;
            _otherShares = m.CostOfGoods + m.SalesAndMarketingShare;
            _tax = m.TaxRate;
            _peakSlot = Slot(AssetInput.PeakSales); _marginSlot = Slot(AssetInput.Margin); _launchSlot = Slot(AssetInput.LaunchCost);
        }

        public double Path(ref Xoshiro256 rng, double[] x, double[] z, bool bernoulli)
        {
            Draw(ref rng, x, z);
            return Value(ref rng, x, bernoulli);
        }

        public void Draw(ref Xoshiro256 rng, double[] x, double[] z)
        {
            foreach (var j in _independent) x[j] = _dists[j].Sample(ref rng);
            var n = _correlated.Length;
            if (n > 0)
            {
                for (var k = 0; k < n; k++) z[k] = rng.NextStandardNormal();
                for (var k = 0; k < n; k++)
                {
                    double s = 0;
                    for (var l = 0; l <= k; l++) s += _chol[k * n + l] * z[l];
                    var j = _correlated[k];
                    x[j] = _dists[j].Quantile(Math.Clamp(StandardNormal.Cdf(s), 1e-300, 1 - 1e-16));
                }
            }
        }

        public double Value(ref Xoshiro256 rng, double[] x, bool bernoulli)
        {
            double v = 0, w = 1;
            for (var i = 0; i < _baseCost.Length; i++)
            {
                var cost = _costSlot[i] < 0 ? _baseCost[i] : Math.Max(0, x[_costSlot[i]]);
                var p = _probSlot[i] < 0 ? _baseProb[i] : Math.Clamp(x[_probSlot[i]], 0, 1);
                v -= w * cost * _annuity[i];
                if (bernoulli) { if (!(rng.NextOpenDouble() < p)) return v; }
                else w *= p;
            }
            var peak = _peakSlot < 0 ? _basePeak : Math.Max(0, x[_peakSlot]);
            var netMargin = (_marginSlot < 0 ? _baseMargin : Math.Clamp(x[_marginSlot], -1, 1)) - _otherShares;
            var launch = _launchSlot < 0 ? _baseLaunch : Math.Max(0, x[_launchSlot]);
            double market = 0;
            for (var k = 0; k < _marketDf.Length; k++)
                market += _marketDf[k] * Rnpv.MarketCashFlow(peak * _marketShape[k], netMargin, k == 0 ? launch : 0, _tax);
            return v + w * market;
        }
    }
}

/// <summary>One bar of a tornado chart: rNPV with one input at its low and high quantile, the others at base.</summary>
public sealed record TornadoBar(string Input, double BaseValue, double LowValue, double HighValue,
    double RnpvAtLow, double RnpvAtHigh)
{
    /// <summary>|rNPV at high − rNPV at low|.</summary>
    public double Swing => Math.Abs(RnpvAtHigh - RnpvAtLow);
}

/// <summary>One-at-a-time sensitivity of rNPV to each uncertain input.</summary>
public static class Tornado
{
    /// <summary>
    /// For each uncertain input: set it to its <paramref name="lowQuantile"/> and <paramref name="highQuantile"/>
    /// (default 10th and 90th percentiles), all other inputs at their means, and compute rNPV. Bars sorted by swing,
    /// largest first. Probabilities are clamped to [0, 1] and costs to ≥ 0 as in <see cref="MonteCarlo"/>.
    /// </summary>
    public static IReadOnlyList<TornadoBar> Calculate(UncertainDrugAsset asset, double lowQuantile = 0.10, double highQuantile = 0.90)
    {
        Check.Probability(lowQuantile, "lowQuantile");
        Check.Probability(highQuantile, "highQuantile");
        var baseAsset = asset.Base;
        var bars = new List<TornadoBar>();
        foreach (var (input, dist) in asset.Inputs)
        {
            double Clamp(double v) => input.Kind switch
            {
                AssetInputKind.PhaseProbability => Math.Clamp(v, 0, 1),
                AssetInputKind.Margin => Math.Clamp(v, -1, 1),
                _ => Math.Max(0, v),
            };
            var lo = Clamp(dist.Quantile(Math.Clamp(lowQuantile, 1e-12, 1 - 1e-12)));
            var hi = Clamp(dist.Quantile(Math.Clamp(highQuantile, 1e-12, 1 - 1e-12)));
            bars.Add(new TornadoBar(input.Key, baseAsset.Get(input), lo, hi,
                Rnpv.Calculate(baseAsset.With(input, lo)).Value, Rnpv.Calculate(baseAsset.With(input, hi)).Value));
        }
        return bars.OrderByDescending(b => b.Swing).ThenBy(b => b.Input, StringComparer.Ordinal).ToList();
    }
}
