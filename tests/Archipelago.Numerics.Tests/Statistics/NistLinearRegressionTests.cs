using System.Globalization;
using System.Text.RegularExpressions;
using Archipelago.Numerics.Statistics;
using Xunit.Abstractions;

namespace Archipelago.Numerics.Tests.Statistics;

/// <summary>
/// NIST StRD linear least squares (https://www.itl.nist.gov/div898/strd/lls/lls.shtml): certified values are
/// read from the .dat files in /work/shared/data/nist-strd-linear-regression; LRE = −log10(|est − cert|/|cert|).
/// </summary>
public sealed class NistLinearRegressionTests(ITestOutputHelper output)
{
    public sealed record NistRegression(
        string Name, decimal[] Y, decimal[][] X, bool Intercept,
        double[] B, double[] SdB, double ResidualSd, double RSquared,
        int DfReg, double SsReg, double MsReg, double F, int DfRes, double SsRes, double MsRes);

    static readonly Regex Range = new(@"(Certified Values|Data)\s*\(lines\s+(\d+)\s+to\s+(\d+)\)");

    public static NistRegression Load(string file)
    {
        var lines = File.ReadAllLines(SharedData.Path("nist-strd-linear-regression", file));
        int cs = 0, ce = 0, ds = 0, de = 0;
        foreach (var l in lines.Take(10))
        {
            var m = Range.Match(l);
            if (!m.Success) continue;
            if (m.Groups[1].Value == "Data") { ds = int.Parse(m.Groups[2].Value); de = int.Parse(m.Groups[3].Value); }
            else { cs = int.Parse(m.Groups[2].Value); ce = int.Parse(m.Groups[3].Value); }
        }
        static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        var b = new SortedDictionary<int, (double, double)>();
        double rsd = 0, r2 = 0, ssReg = 0, msReg = 0, f = 0, ssRes = 0, msRes = 0;
        int dfReg = 0, dfRes = 0;
        for (var i = cs - 1; i < ce; i++)
        {
            var t = lines[i].Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (t.Length == 0) continue;
            if (Regex.IsMatch(t[0], @"^B\d+$") && t.Length == 3) b[int.Parse(t[0][1..])] = (D(t[1]), D(t[2]));
            else if (t[0] == "Standard" && t.Length == 3) rsd = D(t[2]);
            else if (t[0] == "R-Squared") r2 = D(t[1]);
            else if (t[0] == "Regression" && t.Length == 5) { dfReg = int.Parse(t[1]); ssReg = D(t[2]); msReg = D(t[3]); f = D(t[4]); }
            else if (t[0] == "Residual" && t.Length == 4) { dfRes = int.Parse(t[1]); ssRes = D(t[2]); msRes = D(t[3]); }
        }
        static decimal M(string s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        var data = lines[(ds - 1)..de].Select(l => l.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(M).ToArray()).ToArray();
        var y = data.Select(r => r[0]).ToArray();
        var intercept = b.ContainsKey(0);
        decimal[][] x;
        if (data[0].Length > 2) x = Enumerable.Range(1, data[0].Length - 1).Select(j => data.Select(r => r[j]).ToArray()).ToArray();
        else
        {
            var degree = intercept ? b.Count - 1 : b.Count;
            // polynomial: columns x, x², … (NIST model statement), powers formed in decimal (28 significant digits)
            x = Enumerable.Range(1, degree).Select(d => data.Select(r => Pow(r[1], d)).ToArray()).ToArray();
        }
        return new NistRegression(file, y, x, intercept,
            b.Values.Select(v => v.Item1).ToArray(), b.Values.Select(v => v.Item2).ToArray(), rsd, r2,
            dfReg, ssReg, msReg, f, dfRes, ssRes, msRes);
    }

    static decimal Pow(decimal x, int d)
    {
        var p = 1m;
        for (var i = 0; i < d; i++) p *= x;
        return p;
    }

    public static double Lre(double est, double cert)
    {
        if (est == cert) return 15;
        if (double.IsInfinity(cert)) return Math.Abs(est) > 1e20 ? 15 : 0;
        if (cert == 0) return -Math.Log10(Math.Abs(est));
        return Math.Min(15, -Math.Log10(Math.Abs(est - cert) / Math.Abs(cert)));
    }

    public static TheoryData<string, double> Files => new()
    {
        { "Norris.dat", 9 }, { "Pontius.dat", 9 }, { "NoInt1.dat", 9 }, { "NoInt2.dat", 9 },
        { "Filip.dat", 7 }, { "Longley.dat", 9 },
        { "Wampler1.dat", 9 }, { "Wampler2.dat", 9 }, { "Wampler3.dat", 9 }, { "Wampler4.dat", 9 }, { "Wampler5.dat", 9 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Matches_certified_values_from_double_data(string file, double minLre)
    {
        var d = Load(file);
        var names = d.X.Select((_, j) => "x" + (j + 1)).ToArray();
        var fit = LinearRegression.Fit("y", d.Y.Select(v => (double)v).ToArray(), names,
            d.X.Select(c => (IReadOnlyList<double>)c.Select(v => (double)v).ToArray()).ToArray(),
            new RegressionOptions(IncludeIntercept: d.Intercept, Tolerance: 1e-30));
        Check(d, fit, file, minLre);
    }

    /// <summary>Same problems from the exact decimal data (polynomial terms formed in decimal): all eleven to ≥ 9 digits.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Matches_certified_values_from_decimal_data(string file, double _)
    {
        var d = Load(file);
        var names = d.X.Select((_, j) => "x" + (j + 1)).ToArray();
        var fit = LinearRegression.Fit("y", d.Y, names, d.X.Select(c => (IReadOnlyList<decimal>)c).ToArray(),
            new RegressionOptions(IncludeIntercept: d.Intercept, Tolerance: 1e-30));
        Check(d, fit, file + " (decimal)", 9);
    }

    void Check(NistRegression d, RegressionResult fit, string file, double minLre)
    {
        var coefs = fit.Coefficients;
        Assert.Equal(d.B.Length, coefs.Count);
        var lres = new List<(string, double)>();
        for (var i = 0; i < d.B.Length; i++)
        {
            lres.Add(($"B{i}", Lre(coefs[i].B, d.B[i])));
            lres.Add(($"SE B{i}", Lre(coefs[i].StdError, d.SdB[i])));
        }
        lres.Add(("residual SD", Lre(fit.Summary.StdErrorOfEstimate, d.ResidualSd)));
        lres.Add(("R²", Lre(fit.RSquared, d.RSquared)));
        lres.Add(("SS reg", Lre(fit.Anova.Regression.SumOfSquares, d.SsReg)));
        lres.Add(("MS reg", Lre(fit.Anova.Regression.MeanSquare!.Value, d.MsReg)));
        lres.Add(("F", Lre(fit.F, d.F)));
        lres.Add(("SS res", Lre(fit.Anova.Residual.SumOfSquares, d.SsRes)));
        lres.Add(("MS res", Lre(fit.Anova.Residual.MeanSquare!.Value, d.MsRes)));
        Assert.Equal(d.DfReg, fit.Anova.Regression.Df);
        Assert.Equal(d.DfRes, fit.Anova.Residual.Df);
        output.WriteLine($"{file}: min LRE {lres.Min(l => l.Item2):F2} ({lres.MinBy(l => l.Item2).Item1}); " +
                         string.Join(", ", lres.Select(l => $"{l.Item1}={l.Item2:F1}")));
        foreach (var (what, lre) in lres)
            Assert.True(lre >= minLre, $"{file} {what}: LRE {lre:F2} < {minLre}");
    }
}
