using System.Globalization;
using System.Text.RegularExpressions;
using Archipelago.Numerics.Statistics;
using Xunit.Abstractions;

namespace Archipelago.Numerics.Tests.Statistics;

/// <summary>
/// NIST StRD univariate and one-way ANOVA certified values (files in /work/shared/data/nist-strd-univariate and
/// nist-strd-anova), and bfi descriptives against psych::describe(type=2)/quantile(type=6) (reference/descriptives_bfi.R).
/// </summary>
public sealed class DescriptivesAndAnovaTests(ITestOutputHelper output)
{
    static decimal M(string s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    static string[] Tokens(string l) => l.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    static double Lre(double est, double cert) => NistLinearRegressionTests.Lre(est, cert);

    public static TheoryData<string> UnivariateFiles => new()
    { "Lew.dat", "Lottery.dat", "Mavro.dat", "Michelso.dat", "NumAcc1.dat", "NumAcc2.dat", "NumAcc3.dat", "NumAcc4.dat" };

    static (decimal[] Data, double Mean, double Sd, double R1) LoadUnivariate(string file)
    {
        var lines = File.ReadAllLines(SharedData.Path("nist-strd-univariate", file));
        double mean = 0, sd = 0, r1 = 0;
        foreach (var l in lines)
        {
            // "Sample Mean  ybar:  v" (NumAcc3: "Sample Mean: v") — the value is the last token
            if (l.StartsWith("Sample Mean")) mean = D(Tokens(l)[^1]);
            else if (l.StartsWith("Sample Standard Deviation")) sd = D(Tokens(l)[^1]);
            else if (l.StartsWith("Sample Autocorrelation")) r1 = D(Tokens(l)[^1]);
        }
        var start = Array.FindIndex(lines, l => l.StartsWith("Data: Y"));
        var data = lines.Skip(start + 2).Where(l => l.Trim().Length > 0).Select(l => M(l.Trim())).ToArray();
        return (data, mean, sd, r1);
    }

    [Theory]
    [MemberData(nameof(UnivariateFiles))]
    public void Univariate_certified_mean_sd_autocorrelation(string file)
    {
        var (data, mean, sd, r1) = LoadUnivariate(file);
        var exact = Descriptives.Describe("y", data);
        var fromDouble = Descriptives.Describe("y", data.Select(v => (double)v).ToArray());
        var lre = new[] { Lre(exact.Mean, mean), Lre(exact.StdDeviation, sd), Lre(exact.Lag1Autocorrelation, r1) };
        var lreD = new[] { Lre(fromDouble.Mean, mean), Lre(fromDouble.StdDeviation, sd), Lre(fromDouble.Lag1Autocorrelation, r1) };
        output.WriteLine($"{file}: decimal input LRE mean/sd/r1 = {string.Join(" ", lre.Select(v => v.ToString("F1")))}; " +
                         $"double input = {string.Join(" ", lreD.Select(v => v.ToString("F1")))}");
        Assert.All(lre, v => Assert.True(v >= 9, $"{file}: LRE {v:F2}"));
        // From doubles the data themselves carry ~1e-16 relative error; NumAcc3/4 (deviations of 0.1 on 1e6–1e7) lose
        // the digits a double cannot represent, so only 6 digits are required there.
        var min = file is "NumAcc3.dat" or "NumAcc4.dat" ? 6 : 9;
        Assert.All(lreD, v => Assert.True(v >= min, $"{file} (double): LRE {v:F2}"));
    }

    public static TheoryData<string> AnovaFiles => new()
    { "SiRstvt.dat", "SmLs01t.dat", "SmLs02t.dat", "SmLs03t.dat", "AtmWtAgt.dat", "SmLs04t.dat", "SmLs05t.dat", "SmLs06t.dat",
      "SmLs07t.dat", "SmLs08t.dat", "SmLs09t.dat" };

    [Theory]
    [MemberData(nameof(AnovaFiles))]
    public void Anova_certified_values(string file)
    {
        var lines = File.ReadAllLines(SharedData.Path("nist-strd-anova", file));
        var range = new Regex(@"(Certified Values|Data)\s*\(lines\s+(\d+)\s+to\s+(\d+)\)");
        int ds = 0, de = 0;
        foreach (var l in lines.Take(12))
            if (range.Match(l) is { Success: true } m && m.Groups[1].Value == "Data")
            { ds = int.Parse(m.Groups[2].Value); de = int.Parse(m.Groups[3].Value); }
        double[] between = [], within = [];
        double r2 = 0, rsd = 0;
        foreach (var l in lines[..(ds - 1)])
        {
            var t = Tokens(l);
            if (t.Length == 0) continue;
            if (t[0] == "Between" && t.Length == 6) between = t[2..].Select(D).ToArray();
            else if (t[0] == "Within" && t.Length == 5) within = t[2..].Select(D).ToArray();
            else if (l.Contains("Certified R-Squared")) r2 = D(t[^1]);
            else if (t[0] == "Standard" && t[1] == "Deviation") rsd = D(t[^1]);
        }
        var rows = lines[(ds - 1)..de].Select(Tokens).Where(t => t.Length > 0).ToArray();
        var k = rows[0].Length;
        var groups = Enumerable.Range(0, k).Select(g => (IReadOnlyList<decimal>)rows.Select(r => M(r[g])).ToArray()).ToArray();
        var names = Enumerable.Range(1, k).Select(g => g.ToString()).ToArray();
        var exact = OneWayAnova.Compute(names, groups);
        var fromDouble = OneWayAnova.Compute(names, groups.Select(g => (IReadOnlyList<double>)g.Select(v => (double)v).ToArray()).ToArray());
        double[] Lres(OneWayAnovaResult a) =>
        [
            Lre(a.Between.SumOfSquares, between[1]), Lre(a.Between.MeanSquare!.Value, between[2]), Lre(a.F, between[3]),
            Lre(a.Within.SumOfSquares, within[1]), Lre(a.Within.MeanSquare!.Value, within[2]),
            Lre(a.RSquared, r2), Lre(a.ResidualStdDeviation, rsd),
        ];
        Assert.Equal((int)between[0], exact.Between.Df);
        Assert.Equal((int)within[0], exact.Within.Df);
        var le = Lres(exact);
        var ld = Lres(fromDouble);
        output.WriteLine($"{file}: decimal min LRE {le.Min():F1}; double min LRE {ld.Min():F1}");
        Assert.All(le, v => Assert.True(v >= 9, $"{file}: LRE {v:F2}"));
        // SmLs07–09 (13 constant leading digits) cannot be represented in double: no requirement from doubles there.
        if (!file.StartsWith("SmLs07") && !file.StartsWith("SmLs08") && !file.StartsWith("SmLs09"))
            Assert.All(ld, v => Assert.True(v >= (file.StartsWith("SmLs0") && file[5] >= '4' ? 6 : 9) , $"{file} (double): LRE {v:F2}"));
    }

    [Fact]
    public void Bfi_descriptives_match_psych_describe_type2()
    {
        var bfi = ReferenceCsv.Bfi();
        var r = ReferenceCsv.Reference("descriptives_bfi.csv");
        var vars = r.Strings("variable");
        string[] cols = ["n", "mean", "sd", "skew", "kurtosis", "se_mean", "min", "max", "q1", "median", "q3", "se_skew", "se_kurt"];
        var expected = cols.ToDictionary(c => c, r.Numbers);
        for (var i = 0; i < vars.Length; i++)
        {
            var d = Descriptives.Describe(vars[i], bfi.Numbers(vars[i]));
            double[] got = [d.N, d.Mean, d.StdDeviation, d.Skewness, d.Kurtosis, d.StdErrorOfMean, d.Minimum, d.Maximum, d.Q1, d.Median, d.Q3, d.SkewnessStdError, d.KurtosisStdError];
            for (var c = 0; c < cols.Length; c++)
            {
                var e = expected[cols[c]][i];
                Assert.True(Math.Abs(got[c] - e) <= 1e-12 * Math.Max(1, Math.Abs(e)), $"{vars[i]} {cols[c]}: {got[c]:R} vs {e:R}");
            }
        }
        var freq = Descriptives.Frequencies("education", bfi.Numbers("education"));
        Assert.Equal(223, freq.Missing);
        Assert.Equal(100.0, freq.Rows[^1].CumulativePercent, 10);
    }
}
