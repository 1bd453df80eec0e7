using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Archipelago.Kernel.Cli;
using Archipelago.Modules.Industry.Features.Series;

namespace Archipelago.Modules.Industry.Features.Peers;

/// <summary><c>industry peers REGION --feature log:output_value --feature growth:output_value …</c>.</summary>
public static class PeersCommands
{
    public static Command Peers()
    {
        var region = new Argument<string>("REGION") { Description = "The region whose peers are sought, e.g. Guangdong." };
        var features = new Option<string[]>("--feature", "-f")
        {
            Description = "An indicator of the profile: kind:indicator[:subsector], kind log (ln level), level, growth (CAGR over --span years) or share (of the sub-sector in the industry). Repeat it.",
            Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var period = new Option<string?>("--period") { Description = "The year compared (default: the latest in which the region has every indicator)." };
        var span = new Option<int>("--span") { Description = "Years of the growth rates.", DefaultValueFactory = _ => 5 };
        var top = new Option<int>("--top") { Description = "How many peers to show.", DefaultValueFactory = _ => 5 };
        var minShared = new Option<int?>("--min-shared") { Description = "Least number of indicators a pair must share to be ranked (default: half, at least two)." };
        var exclude = new Option<string[]>("--exclude") { Description = "Regions to leave out (e.g. the nation when provinces are compared).", AllowMultipleArgumentsPerToken = true };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("peers", "Peer regions by similarity: z-scored indicators, Euclidean distance (R's dist(scale(x))), the nearest first, with the indicators side by side.")
            { region, features, period, span, top, minShared, exclude, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var store = new SeriesStore(await Cli.OpenAsync(r, ct: ct), TimeProvider.System);
            var report = await new PeerRegions(store).RankAsync(new PeerRequest(r.GetValue(region)!, PeersApi.Split(r.GetValue(features) ?? []), r.GetValue(period),
                r.GetValue(span), r.GetValue(top), r.GetValue(minShared), PeersApi.Split(r.GetValue(exclude) ?? [])), ct);
            if (r.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(report, SeriesCommands.JsonOut));
                return 0;
            }
            static string N(double? v) => v is { } d ? d.ToString("G4", CultureInfo.InvariantCulture) : "—";
            Console.WriteLine($"peers of {report.Region} in {report.Period} over {report.Features.Count} indicators ({report.Candidates} candidates; a pair must share {report.MinShared})");
            Console.WriteLine($"distance: {report.Distance}");
            Console.WriteLine($"{"rank",4} {"region",-16} {"distance",9} {"shared",6}  " + string.Join("  ", report.Features.Select(f => $"{f,22}")));
            Console.WriteLine($"{"",4} {report.Region,-16} {"",9} {"",6}  " + string.Join("  ", report.Target.Values.Select(v => $"{N(v),22}")));
            foreach (var p in report.Peers)
                Console.WriteLine($"{p.Rank,4} {p.Region,-16} {p.Distance.ToString("F3", CultureInfo.InvariantCulture),9} {p.Used.Count,6}  " + string.Join("  ", p.Profile.Values.Select(v => $"{N(v),22}")));
            foreach (var u in report.Unranked) Console.WriteLine($"not ranked: {u.Region} — {u.Reason}");
            foreach (var n in report.Notes) Console.WriteLine("note: " + n);
            return 0;
        }));
        return cmd;
    }
}
