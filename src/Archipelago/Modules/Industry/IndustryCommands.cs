using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;

namespace Archipelago.Modules.Industry;

/// <summary>CLI verbs of industry analysis: <c>industry lifecycle|growth --series FILE.csv</c>. They read a file and print;
/// no workspace is opened.</summary>
public static class IndustryCommands
{
    public static IEnumerable<Command> All() => [WithAll(new Command("industry", "Industry monitor: indicator series in the workspace (import, list, show, export, derive, peers) and life-cycle/growth analysis of a series file (no workspace needed), a stored series or another module's series.") { Lifecycle(), Growth(), FactsVerb() })];

    static Command FactsVerb()
    {
        var measure = new Option<string?>("--measure") { Description = "Only series of this measure (patents, employment); default: patents, what a life-cycle fit takes." };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("facts", "The series other modules offer through the kernel (ids for 'industry lifecycle --fact ID'), and those this module offers.") { measure, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var list = await Cli.Facts.CatalogueAsync(await Cli.OpenAsync(r, ct: ct), r.GetValue(measure) ?? FactMeasure.Patents, ct);
            if (r.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(list, JsonOut));
            else foreach (var i in list) Console.WriteLine($"{i.Id,-48} {i.Measure,-11} {i.Label} [{i.Unit}]");
            if (list.Count == 0 && r.GetValue(format) != "json") Console.Error.WriteLine("No module offers such series in this workspace.");
            return 0;
        }));
        return cmd;
    }

    static Command WithAll(Command industry)
    {
        foreach (var c in Features.Series.SeriesCommands.All()) industry.Subcommands.Add(c);
        industry.Subcommands.Add(Features.Peers.PeersCommands.Peers());
        return industry;
    }

    static Option<FileInfo> SeriesOption() => new("--series")
    {
        Description = "A series file instead of a stored series: CSV with the header 'period,value' (e.g. 2017,\"3,641.2\"); cells as printed in yearbooks (１２３５, 12.4%, 3.6万) are read; '—' or empty is a gap.",
    };

    static Option<string?> DecimalMarkOption()
    {
        var o = new Option<string?>("--decimal-mark") { Description = "point or comma: the file's decimal mark, when known. Without it \"1.235\" is refused as ambiguous (1.235 or 1235?)." };
        o.AcceptOnlyFromAmong("point", "comma");
        return o;
    }

    static Command Lifecycle()
    {
        var series = SeriesOption();
        var mark = DecimalMarkOption();
        var cumulative = new Option<bool>("--cumulative") { Description = "The series is cumulative (e.g. cumulative adoptions): Bass is fitted too and decline is judged on the increments." };
        var forecast = new Option<int>("--forecast") { Description = "Forecast this many periods past the last one (step: the smallest gap between periods).", DefaultValueFactory = _ => 0 };
        var format = Cli.Format("table", "table", "json");
        var (indicator, key) = StoredOptions();
        var fact = new Option<string?>("--fact") { Description = "Another module's series instead (its id from 'industry facts', e.g. patents per priority year): summed into a running total and fitted as cumulative, unless --level." };
        var level = new Option<bool>("--level") { Description = "With --fact: fit the values as they are (a level), not their running total." };
        var cmd = new Command("lifecycle", "Fit logistic and Gompertz (and Bass) curves, choose by AICc and read the life-cycle stage — or refuse and say why.") { series, indicator, key.Region, key.Subsector, fact, level, cumulative, forecast, mark, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            if (r.GetValue(forecast) is < 0 or > 100) throw new DomainException("usage", "--forecast takes 0 to 100 periods.", "forecast");
            if (r.GetValue(fact) is { } id)
            {
                if (r.GetValue(series) is not null || r.GetValue(indicator) is not null)
                    throw new DomainException("usage", "Give one of --series FILE, --indicator CODE or --fact ID.", "fact");
                var f = await Features.Facts.FactLifeCycle.AssessAsync(Cli.Facts, await Cli.OpenAsync(r, ct: ct), id, !r.GetValue(level), r.GetValue(forecast), ct);
                if (r.GetValue(format) == "json")
                {
                    // The report's own keys, with where the series came from and how it was prepared.
                    var json = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(f.Report, JsonOut))!.AsObject();
                    json["origin"] = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(f.Origin, JsonOut));
                    json["preparation"] = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(f.Preparation, JsonOut));
                    Console.WriteLine(json.ToJsonString(JsonOut));
                }
                else
                {
                    Console.WriteLine($"origin      {f.Origin.Module}: {f.Origin.Label} [{f.Origin.Id}; {f.Origin.Measure}, {f.Origin.Unit}]");
                    Console.WriteLine($"source      {f.Origin.Source}");
                    foreach (var n in f.Preparation) Console.WriteLine("prepared    " + n);
                    PrintTable(f.Report);
                }
                return 0;
            }
            var s = await SeriesOf(r, series, indicator, key, mark, ct);
            var report = LifeCycleReport.Assess(s, r.GetValue(cumulative), r.GetValue(forecast));
            if (r.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(report, JsonOut));
            else PrintTable(report);
            return 0;
        }));
        return cmd;
    }

    static Command Growth()
    {
        var series = SeriesOption();
        var mark = DecimalMarkOption();
        var format = Cli.Format("table", "table", "json");
        var (indicator, key) = StoredOptions();
        var cmd = new Command("growth", "Year-on-year growth, CAGR, index to the first period, and suspected unit slips (亿 vs billion).") { series, indicator, key.Region, key.Subsector, mark, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var report = GrowthReport.Of(await SeriesOf(r, series, indicator, key, mark, ct));
            if (r.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(report, JsonOut));
            else PrintTable(report);
            return 0;
        }));
        return cmd;
    }

    static (Option<string?> Indicator, Features.Series.SeriesCommands.KeyOptions Key) StoredOptions() =>
        (new Option<string?>("--indicator") { Description = "A stored series instead of a file: the indicator code (with --region, --subsector; opens the workspace)." },
         Features.Series.SeriesCommands.KeyOptions.Create());

    /// <summary>The series of --series FILE (no workspace) or of --indicator in the workspace; exactly one must be given.</summary>
    static async Task<Numerics.TimeSeries.IndicatorSeries> SeriesOf(ParseResult r, Option<FileInfo> file, Option<string?> indicator,
        Features.Series.SeriesCommands.KeyOptions key, Option<string?> mark, CancellationToken ct)
    {
        if ((r.GetValue(file) is null) == (r.GetValue(indicator) is null))
            throw new DomainException("usage", "Give either --series FILE or --indicator CODE (a stored series).", "series");
        if (r.GetValue(file) is { } f) return await SeriesTable.ReadAsync(f, SeriesTable.DecimalMarkNamed(r.GetValue(mark)), ct);
        var store = new Features.Series.SeriesStore(await Cli.OpenAsync(r, ct: ct), TimeProvider.System);
        return (await new Features.Series.SeriesAnalysis(store).LoadAsync(key.Key(r, r.GetValue(indicator)!), ct)).Series;
    }

    static string N(double? x, string format = "G6") => x is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    static void PrintTable(LifeCycleReport r)
    {
        Console.WriteLine($"series      {r.Series}: {r.N} observations, {N(r.FirstPeriod)}–{N(r.LastPeriod)}{(r.Cumulative ? ", cumulative" : "")}");
        Console.WriteLine($"cagr        {(r.Cagr is { } rate ? rate.ToString("P2", CultureInfo.InvariantCulture) : "—")}");
        if (r.Refusal is { } no)
            Console.WriteLine($"refusal     {no.Code}: {no.Message}");
        if (r.Model is not null)
        {
            Console.WriteLine($"model       {r.Model}: {r.Formula}");
            Console.WriteLine($"            {"",-4} {"estimate",14} {"se",12}   95 % Wald-t interval");
            foreach (var (name, p) in r.Parameters!)
                Console.WriteLine($"            {name,-4} {N(p.Estimate, "G8"),14} {N(p.Se, "G4"),12}   [{N(p.Interval[0])}, {N(p.Interval[1])}]");
            if (r.Inflection is { } i) Console.WriteLine($"inflection  t = {N(i.Time)} ± {N(i.TimeSe, "G3")}, value {N(i.Value)} ± {N(i.ValueSe, "G3")}");
            Console.WriteLine($"saturation  {N(r.Saturation)}; latest value is {(r.ShareOfSaturation is { } sh ? sh.ToString("P1", CultureInfo.InvariantCulture) : "—")} of it");
        }
        if (r.Stage is not null) Console.WriteLine($"stage       {r.Stage}");
        if (r.Candidates.Count > 0)
        {
            Console.WriteLine("candidates");
            foreach (var c in r.Candidates)
                Console.WriteLine($"  {c.Model,-9} {(c.Converged ? $"AICc {N(c.Aicc, "F3")}, saturation {N(c.Saturation)}" : $"not converged ({c.FailureCode}): {c.FailureReason}")}");
        }
        if (r.Evidence.Count > 0)
        {
            Console.WriteLine("evidence");
            foreach (var e in r.Evidence) Console.WriteLine($"  - {e.Statement}");
        }
        if (r.Forecasts.Count > 0)
        {
            Console.WriteLine("forecasts   period     estimate   95 % confidence          95 % prediction");
            foreach (var f in r.Forecasts)
                Console.WriteLine($"            {N(f.Period),-8} {N(f.Estimate),10}   [{N(f.Confidence[0])}, {N(f.Confidence[1])}]   [{N(f.Prediction[0])}, {N(f.Prediction[1])}]");
        }
    }

    static void PrintTable(GrowthReport r)
    {
        Console.WriteLine($"series  {r.Series}: {r.N} observations");
        Console.WriteLine($"{"period",-8} {"value",14} {"index",9} {"y/y",9}");
        foreach (var o in r.Observations)
        {
            var yoy = r.YearOnYear.FirstOrDefault(g => g.To == o.Period);
            var index = r.Index.FirstOrDefault(i => i.Period == o.Period);
            Console.WriteLine($"{N(o.Period),-8} {N(o.Value, "G8"),14} {(index is null ? "—" : index.Index.ToString("F1", CultureInfo.InvariantCulture)),9} {(yoy is null ? "" : yoy.Rate.ToString("P2", CultureInfo.InvariantCulture)),9}");
        }
        Console.WriteLine($"cagr    {(r.Cagr is { } c ? c.ToString("P2", CultureInfo.InvariantCulture) : "—")} over {N(r.CagrYears)} periods (×{N(r.Multiple, "G4")})");
        foreach (var f in r.ScaleFlags) Console.WriteLine("UNIT?   " + f.Message);
        foreach (var n in r.Notes) Console.WriteLine("note    " + n);
    }

    static readonly JsonSerializerOptions JsonOut = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
