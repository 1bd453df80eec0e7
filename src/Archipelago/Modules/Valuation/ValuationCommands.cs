using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Valuation.Features.Patent;
using Archipelago.Numerics.Finance;

namespace Archipelago.Modules.Valuation;

/// <summary>
/// CLI verbs of drug-asset valuation: <c>valuation rnpv|montecarlo|deal|tornado --asset FILE.json</c>. They need no
/// workspace (the saved-valuation verbs <c>save|list|show|diff</c> do). Each computes everything before printing, so a bad input leaves only one error line on stderr.
/// </summary>
public static class ValuationCommands
{
    public static IEnumerable<Command> All()
    {
        var valuation = new Command("valuation", "Value a drug asset from an asset JSON file (docs/valuation-asset-schema.md); save, list, show and compare versioned valuations in a workspace.")
            { RnpvVerb(), MonteCarloVerb(), DealVerb(), TornadoVerb() };
        foreach (var c in Features.Saved.SavedValuationCommands.All()) valuation.Subcommands.Add(c);
        valuation.Subcommands.Add(Features.Deals.DealsCommands.Create());
        valuation.Subcommands.Add(Features.Pledge.PledgeApi.Command());
        return [valuation];
    }

    static Option<FileInfo> Asset() => new("--asset") { Required = true, Description = "Asset JSON file (docs/valuation-asset-schema.md)." };

    static Command RnpvVerb()
    {
        var asset = Asset();
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("rnpv", "Risk-adjusted NPV with its year-by-year table.") { asset, format };
        cmd.SetAction((r, ct) => Run(r, r.GetValue(asset)!, (c, patent) =>
        {
            var result = Rnpv.Calculate(c.Asset.Base);
            return r.GetValue(format) == "json" ? WithPatent(ValuationJson.Write(result), patent) : RnpvTable(RnpvReport.From(result), c);
        }, ct));
        return cmd;
    }

    static Command MonteCarloVerb()
    {
        var asset = Asset();
        var paths = new Option<int>("--paths") { Description = "Number of simulated paths.", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed gives the same result on any machine.", DefaultValueFactory = _ => 1 };
        var outcomes = new Option<string>("--outcomes")
        {
            Description = "bernoulli: each phase succeeds or fails on each path; weighted: no draw, cash flows weighted by probability as in rNPV.",
            DefaultValueFactory = _ => "bernoulli",
        };
        outcomes.AcceptOnlyFromAmong("bernoulli", "weighted");
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("montecarlo", "Distribution of the asset's NPV over uncertain inputs and phase outcomes.") { asset, paths, seed, outcomes, format };
        // No progress bar: MonteCarlo.Run reports no progress, and 100 000 paths take well under a second.
        cmd.SetAction((r, ct) => Run(r, r.GetValue(asset)!, (c, patent) =>
        {
            var result = MonteCarlo.Run(c.Asset, new MonteCarloOptions(r.GetValue(paths), r.GetValue(seed), MonteCarloReport.ParseOutcomes(r.GetValue(outcomes))));
            return r.GetValue(format) == "json" ? WithPatent(ValuationJson.Write(result), patent) : MonteCarloTable(MonteCarloReport.From(result), c);
        }, ct));
        return cmd;
    }

    static Command DealVerb()
    {
        var asset = Asset();
        var solve = new Option<string?>("--solve") { Description = "Solve for this term so the licensor gets --target-share of the rNPV: royalty (scales every rate), upfront, or milestones (scales every amount)." };
        solve.AcceptOnlyFromAmong(DealReport.Terms);
        var target = new Option<double?>("--target-share") { Description = "Licensor's target share of the asset's rNPV, e.g. 0.2." };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("deal", "Value the file's licence deal: licensor and licensee values, shares, biobucks.") { asset, solve, target, format };
        cmd.SetAction((r, ct) => Run(r, r.GetValue(asset)!, (c, patent) =>
        {
            var report = DealReport.For(c, r.GetValue(solve), r.GetValue(target), "--target-share") with { LinkedPatent = patent };
            return r.GetValue(format) == "json" ? JsonSerializer.Serialize(report, ValuationReportJson.Options) : DealTable(report, c);
        }, ct));
        return cmd;
    }

    static Command TornadoVerb()
    {
        var asset = Asset();
        var low = new Option<double>("--low") { Description = "Low quantile of each input.", DefaultValueFactory = _ => 0.10 };
        var high = new Option<double>("--high") { Description = "High quantile of each input.", DefaultValueFactory = _ => 0.90 };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("tornado", "Sensitivity of rNPV to each uncertain input (one at a time, the others at their means).") { asset, low, high, format };
        cmd.SetAction((r, ct) => Run(r, r.GetValue(asset)!, (c, patent) =>
        {
            var report = TornadoReport.For(c, r.GetValue(low), r.GetValue(high)) with { LinkedPatent = patent };
            return r.GetValue(format) == "json" ? JsonSerializer.Serialize(report, ValuationReportJson.Options) : TornadoTable(report, c);
        }, ct));
        return cmd;
    }

    /// <summary>Reads and parses the asset file, renders the whole output, then prints it; a rejected input becomes one
    /// error line naming the file, the JSON path and the code. A workspace is opened only for an asset that names a
    /// linked patent, and only when one is given (--data, --database or their environment variables): without it the
    /// verbs need no workspace, and a linked patent then needs an explicit exclusivity end.</summary>
    static Task<int> Run(ParseResult r, FileInfo file, Func<ValuationCase, PatentExclusivity?, string> render, CancellationToken ct) => Cli.Run(async () =>
    {
        if (!file.Exists) throw new DomainException("not_found", $"asset file {file.FullName} does not exist.", "asset");
        var json = await File.ReadAllTextAsync(file.FullName, ct);
        string output;
        try
        {
            var db = WorkspaceGiven(r) && json.Contains("\"linkedPatent\"", StringComparison.Ordinal) ? await Cli.OpenAsync(r, ct: ct) : null;
            var (resolved, patent) = await LinkedPatent.ResolveAsync(json, db, Cli.Facts, ct);
            output = render(AssetJson.Parse(resolved), patent);
            if (patent is not null && !output.TrimStart().StartsWith('{')) output += $"{Environment.NewLine}Linked patent {patent.PublicationNumber ?? patent.LinkedPatent}: {patent.Note}";
        }
        catch (ValuationInputException e)
        {
            var where = e.Field.StartsWith('$') ? $"{file.Name} {e.Field}" : e.Field;
            throw new DomainException(e.Code, $"{where}: {e.Detail}", e.Field);
        }
        Console.Out.Write(output.EndsWith('\n') ? output : output + Environment.NewLine);
        return 0;
    });

    static bool WorkspaceGiven(ParseResult r) =>
        r.GetValue(Cli.Data) is not null || r.GetValue(Cli.DatabaseUrl) is not null ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ARCHIPELAGO_DATA")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ARCHIPELAGO_DATABASE"));

    /// <summary>The JSON output with <c>linked_patent</c> added when the asset names one (the other keys unchanged).</summary>
    static string WithPatent(string json, PatentExclusivity? patent)
    {
        if (patent is null) return json;
        var o = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        o["linked_patent"] = JsonSerializer.SerializeToNode(patent, ValuationReportJson.Options);
        return o.ToJsonString(ValuationReportJson.Options);
    }

    static string Heading(ValuationCase c) =>
        (c.Name is { } n ? n + Environment.NewLine : "") + (c.Currency is { } cur ? $"Amounts in {cur}." + Environment.NewLine : "");

    static string N(double v, int decimals = 2) => v.ToString("N" + decimals, CultureInfo.InvariantCulture);

    static string RnpvTable(RnpvReport r, ValuationCase c)
    {
        var s = new StringBuilder(Heading(c));
        const string row = "{0,6} {1,-14} {2,8} {3,11} {4,11} {5,11} {6,11} {7,11} {8,7} {9,11}";
        s.AppendLine(string.Format(CultureInfo.InvariantCulture, row, "Year", "Phase", "P(reach)", "Dev. cost", "Comm. cost", "Revenue", "Net CF", "E[CF]", "DF", "PV E[CF]"));
        s.AppendLine(new string('-', 111));
        foreach (var y in r.Years)
            s.AppendLine(string.Format(CultureInfo.InvariantCulture, row, y.Year, Cut(y.Phase, 14), N(y.PReach, 4), N(y.DevelopmentCost), N(y.CommercialCost),
                N(y.Revenue), N(y.NetCf), N(y.ExpectedCf), N(y.DiscountFactor, 4), N(y.DiscountedExpectedCf)));
        s.AppendLine(new string('-', 111));
        s.AppendLine(string.Format(CultureInfo.InvariantCulture, row, "", "Total", "", N(r.Years.Sum(y => y.DevelopmentCost)), N(r.Years.Sum(y => y.CommercialCost)),
            N(r.Years.Sum(y => y.Revenue)), N(r.Years.Sum(y => y.NetCf)), N(r.Years.Sum(y => y.ExpectedCf)), "", N(r.Years.Sum(y => y.DiscountedExpectedCf))));
        s.AppendLine();
        s.AppendLine($"rNPV  {N(r.Rnpv, 4)}");
        s.AppendLine($"NPV   {N(r.Npv, 4)}   (every phase succeeds)");
        s.AppendLine($"LOA   {r.Loa.ToString("P2", CultureInfo.InvariantCulture)}");
        return s.ToString();
    }

    static string MonteCarloTable(MonteCarloReport r, ValuationCase c)
    {
        var s = new StringBuilder(Heading(c));
        void Line(string label, string value) => s.AppendLine($"{label,-22} {value}");
        Line("paths", r.Paths.ToString(CultureInfo.InvariantCulture));
        Line("seed", r.Seed.ToString(CultureInfo.InvariantCulture));
        Line("mean", $"{N(r.Mean, 4)}  ± {N(r.StdError, 4)} (standard error)");
        Line("std dev", N(r.StdDev, 4));
        Line("p5 / p10", $"{N(r.P5, 4)} / {N(r.P10, 4)}");
        Line("p50", N(r.P50, 4));
        Line("p90 / p95", $"{N(r.P90, 4)} / {N(r.P95, 4)}");
        Line("min / max", $"{N(r.Min, 4)} / {N(r.Max, 4)}");
        Line("P(NPV > 0)", r.PPositive.ToString("P2", CultureInfo.InvariantCulture));
        Line("expected loss", N(r.ExpectedLoss, 4));
        Line("base-case rNPV", N(r.BaseCaseRnpv, 4));
        return s.ToString();
    }

    static string DealTable(DealReport r, ValuationCase c)
    {
        var s = new StringBuilder(Heading(c));
        void Line(string label, string value) => s.AppendLine($"{label,-34} {value}");
        string Share(double? v) => v is double x ? x.ToString("P1", CultureInfo.InvariantCulture) : "n/a (rNPV is 0)";
        if (r.Solved is { } sol)
        {
            Line("solved for", sol.Term == "upfront" ? $"upfront = {N(sol.Value, 4)}" : $"{sol.Term} × {N(sol.Value, 4)}");
            Line("target licensor share", sol.TargetShare.ToString("P1", CultureInfo.InvariantCulture));
        }
        Line("asset rNPV", N(r.AssetRnpv, 4));
        Line("licensor value", $"{N(r.LicensorValue, 4)}  ({Share(r.LicensorShare)})");
        Line("licensee value", $"{N(r.LicenseeValue, 4)}  ({Share(r.LicenseeShare)})");
        Line("biobucks (headline)", N(r.Biobucks));
        Line("  upfront", N(r.Upfront, 4));
        Line("  dev. milestones, risk-adjusted", N(r.RiskAdjustedDevelopmentMilestones, 4));
        Line("  sales milestones, risk-adjusted", N(r.RiskAdjustedSalesMilestones, 4));
        Line("  royalties, risk-adjusted", N(r.RiskAdjustedRoyalties, 4));
        Line("  cost share, risk-adjusted", N(0 - r.RiskAdjustedCostShare, 4));
        return s.ToString();
    }

    static string TornadoTable(TornadoReport r, ValuationCase c)
    {
        var s = new StringBuilder(Heading(c));
        s.AppendLine($"base-case rNPV {N(r.BaseCaseRnpv, 4)}; each input at its p{r.LowQuantile * 100:0.##} and p{r.HighQuantile * 100:0.##}, the others at their means");
        if (r.Bars.Count == 0)
            return s.AppendLine("No uncertain inputs: give a distribution for a phase cost or probability, peak sales, margin or launch cost.").ToString();
        const string row = "{0,-22} {1,10} {2,10} {3,10} {4,12} {5,12} {6,10}";
        s.AppendLine(string.Format(CultureInfo.InvariantCulture, row, "Input", "Base", "Low", "High", "rNPV at low", "rNPV at high", "Swing"));
        s.AppendLine(new string('-', 92));
        foreach (var b in r.Bars)
            s.AppendLine(string.Format(CultureInfo.InvariantCulture, row, b.Input, N(b.BaseValue, 3), N(b.LowValue, 3), N(b.HighValue, 3),
                N(b.RnpvAtLow), N(b.RnpvAtHigh), N(b.Swing)));
        return s.ToString();
    }

    static string Cut(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";
}
