using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Archipelago.Kernel;
using Archipelago.Kernel.Accounts;
using Archipelago.Kernel.Cli;
using Archipelago.Numerics.Finance;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Archipelago.Modules.Valuation.Features.Pledge;

/// <summary>An IP pledge request: the evidence about the patent (family), optionally a house rule other than the
/// default weights, and optionally the appraised value (e.g. an rNPV) to turn the loan-to-value range into amounts.</summary>
public sealed record PledgeRequest(IpPledgeEvidence Evidence, IpPledgeRule? Rule = null, double? AppraisedValue = null);

/// <summary>The score with the loan range in money when an appraised value was given.</summary>
public sealed record PledgeReport(IpPledgeScore Score, IpPledgeRule Rule, double? AppraisedValue, double? LoanLow, double? LoanHigh)
{
    public static PledgeReport For(PledgeRequest r)
    {
        if (r.Evidence is null) throw new ValuationInputException(ValuationErrorCodes.Required, "evidence", "give the evidence object");
        var rule = r.Rule ?? new IpPledgeRule();
        var score = IpPledge.Score(r.Evidence, rule);
        if (r.AppraisedValue is { } v && (!double.IsFinite(v) || v < 0))
            throw new ValuationInputException(ValuationErrorCodes.NegativeAmount, "appraisedValue", $"must be >= 0, got {v}");
        return new PledgeReport(score, rule, r.AppraisedValue, r.AppraisedValue * score.LoanToValueLow, r.AppraisedValue * score.LoanToValueHigh);
    }
}

/// <summary>
/// IP pledge financing (seed 001 §3.3): <c>POST /api/valuation/pledge</c> and <c>valuation pledge --evidence FILE</c>
/// score a patent offered as collateral on certainty of the rights, contribution to the product's competitiveness and
/// revenue potential, and suggest a loan-to-value range by the written rule of <see cref="IpPledge"/>.
/// </summary>
public static class PledgeApi
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static RouteGroupBuilder MapPledge(this RouteGroupBuilder api)
    {
        api.MapPost("/pledge", Score).WithName("ScoreIpPledge")
            .WithSummary("Score IP offered as loan collateral (certainty of rights, contribution to competitiveness, revenue potential; 0–5 each) and suggest a loan-to-value range.")
            .RequireAuthorization(Policies.Analyse);
        return api;
    }

    static Results<Ok<PledgeReport>, ProblemHttpResult> Score(PledgeRequest request)
    {
        try { return TypedResults.Ok(PledgeReport.For(request)); }
        catch (ValuationInputException e) { return ValuationApi.Problem(e); }
    }

    public static Command Command()
    {
        var file = new Option<FileInfo>("--evidence") { Required = true, Description = "JSON file: {\"evidence\": {...}, \"rule\": {...}?, \"appraisedValue\": n?} (docs/valuation-asset-schema.md, IP pledge)." };
        var format = Cli.Format("table", "table", "json");
        var cmd = new Command("pledge", "Score a patent offered as loan collateral and suggest a loan-to-value range (seed 001).") { file, format };
        cmd.SetAction((r, ct) => Cli.Run(async () =>
        {
            var f = r.GetValue(file)!;
            if (!f.Exists) throw new DomainException("not_found", $"{f.FullName} does not exist.", "evidence");
            PledgeReport report;
            try
            {
                var request = JsonSerializer.Deserialize<PledgeRequest>(await File.ReadAllTextAsync(f.FullName, ct), Json)
                    ?? throw new ValuationInputException(ValuationErrorCodes.Required, "$", "empty file");
                report = PledgeReport.For(request);
            }
            catch (JsonException e) { throw new DomainException(ValuationErrorCodes.InvalidJson, $"{f.Name} {e.Path}: {e.Message}", e.Path); }
            catch (ValuationInputException e) { throw new DomainException(e.Code, $"{f.Name} {e.Field}: {e.Detail}", e.Field); }
            if (r.GetValue(format) == "json") { Console.WriteLine(JsonSerializer.Serialize(report, Json)); return 0; }
            var s = report.Score;
            string P(double v) => v.ToString("0%", CultureInfo.InvariantCulture);
            Console.WriteLine($"certainty of the rights        {s.Certainty,5:0.00} / 5   (weight {report.Rule.CertaintyWeight})");
            Console.WriteLine($"contribution to competitiveness {s.Contribution,4:0.00} / 5   (weight {report.Rule.ContributionWeight})");
            Console.WriteLine($"revenue potential              {s.RevenuePotential,5:0.00} / 5   (weight {report.Rule.RevenueWeight})");
            Console.WriteLine($"weighted score                 {s.Weighted,5:0.00} / 5   band: {s.Band}");
            Console.WriteLine($"suggested loan-to-value        {P(s.LoanToValueLow)}–{P(s.LoanToValueHigh)}" +
                (report.LoanLow is { } lo ? $"   loan {lo:N2}–{report.LoanHigh:N2} on an appraised value of {report.AppraisedValue:N2}" : ""));
            foreach (var reason in s.Reasons) Console.WriteLine($"  - {reason}");
            return 0;
        }));
        return cmd;
    }
}
