using System.Runtime.CompilerServices;
using Archipelago.Kernel.Import;
using Archipelago.Modules.Patents.Domain;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// PatentsView granted-patent bulk tables (TSV), column names from the PatentsView data dictionary
/// (https://patentsview.org/download/data-download-dictionary): the file imported is <c>g_patent.tsv</c>
/// (<c>patent_id, patent_type, patent_date, patent_title, wipo_kind, num_claims, …</c>), or <c>g_patent.tsv.zip</c> as
/// PatentsView publishes it; the tables beside it (plain, <c>.zip</c> or <c>.gz</c>, or in the same archive), when
/// present, are joined on <c>patent_id</c>: <c>g_patent_abstract.tsv</c> (patent_abstract), <c>g_application.tsv</c>
/// (application_id, filing_date), <c>g_assignee_disambiguated.tsv</c> (assignee_sequence,
/// disambig_assignee_organization, disambig_assignee_individual_name_first/_last), <c>g_inventor_disambiguated.tsv</c>
/// (inventor_sequence, disambig_inventor_name_first/_last), <c>g_ipc_at_issue.tsv</c> (section, ipc_class, subclass,
/// main_group, subgroup) and <c>g_cpc_current.tsv</c> (cpc_subgroup or cpc_group). The patent table streams; the side
/// tables are held in memory by patent_id while it does (import a year's tables at a time for the full corpus).
/// Publication number: US + patent_id + wipo_kind; the priority date is the filing date (foreign priorities are not read).
/// </summary>
public static class PatentsViewSource
{
    sealed class Side
    {
        public string? Abstract, ApplicationNumber, FilingDate;
        public readonly List<(int Seq, string Name)> Assignees = [], Inventors = [];
        public readonly List<string> Ipc = [], Cpc = [];
    }

    /// <summary>The table imported; the others are joined to it.</summary>
    public const string PatentTable = "g_patent.tsv";

    public static async IAsyncEnumerable<SourceRecord> ReadAsync(PatentFile patents, ImportLog log, Action<double>? progress,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var side = new Dictionary<string, Side>(StringComparer.Ordinal);
        Side Of(string id) => side.TryGetValue(id, out var s) ? s : side[id] = new Side();
        async Task Table(string name, Action<CsvHeader, PatentCsv.Row> row)
        {
            if (patents.Beside(name) is not { } file) return;
            CsvHeader? header = null;
            var sideLog = new ImportLog(file.Name);
            await foreach (var r in PatentCsv.ReadAsync(file, sideLog, h => header = h, null, ct)) row(header!, r);
            log.Notes.Add($"joined {file.Name}.");
        }
        static string? Get(CsvHeader h, PatentCsv.Row r, string column) => h.Find(column) is var i && i >= 0 && i < r.Cells.Length && !PatentDate.IsMissing(r.Cells[i]) ? r.Cells[i].Trim() : null;
        static int Seq(CsvHeader h, PatentCsv.Row r, string column) => int.TryParse(Get(h, r, column), out var n) ? n : int.MaxValue;

        await Table("g_patent_abstract.tsv", (h, r) => { if (Get(h, r, "patent_id") is { } id) Of(id).Abstract = Get(h, r, "patent_abstract"); });
        await Table("g_application.tsv", (h, r) =>
        {
            if (Get(h, r, "patent_id") is not { } id) return;
            Of(id).ApplicationNumber = Get(h, r, "application_id");
            Of(id).FilingDate = Get(h, r, "filing_date");
        });
        await Table("g_assignee_disambiguated.tsv", (h, r) =>
        {
            if (Get(h, r, "patent_id") is not { } id) return;
            var name = Get(h, r, "disambig_assignee_organization")
                ?? string.Join(' ', new[] { Get(h, r, "disambig_assignee_individual_name_last"), Get(h, r, "disambig_assignee_individual_name_first") }.OfType<string>());
            if (name.Length > 0) Of(id).Assignees.Add((Seq(h, r, "assignee_sequence"), name));
        });
        await Table("g_inventor_disambiguated.tsv", (h, r) =>
        {
            if (Get(h, r, "patent_id") is not { } id) return;
            var name = string.Join(' ', new[] { Get(h, r, "disambig_inventor_name_last"), Get(h, r, "disambig_inventor_name_first") }.OfType<string>());
            if (name.Length > 0) Of(id).Inventors.Add((Seq(h, r, "inventor_sequence"), name));
        });
        await Table("g_ipc_at_issue.tsv", (h, r) =>
        {
            if (Get(h, r, "patent_id") is not { } id) return;
            var section = Get(h, r, "section") ?? "";
            var cls = Get(h, r, "ipc_class") ?? "";
            if (!cls.StartsWith(section, StringComparison.Ordinal)) cls = section + cls;
            Of(id).Ipc.Add($"{cls}{Get(h, r, "subclass")} {Get(h, r, "main_group")}/{Get(h, r, "subgroup")}");
        });
        await Table("g_cpc_current.tsv", (h, r) =>
        {
            if (Get(h, r, "patent_id") is { } id && (Get(h, r, "cpc_subgroup") ?? Get(h, r, "cpc_group")) is { } code) Of(id).Cpc.Add(code);
        });

        CsvHeader? main = null;
        await foreach (var row in PatentCsv.ReadAsync(patents, log, h => main = h, progress, ct))
        {
            if (!main!.Has("patent_id", "patent_date"))
            {
                log.Error(1, "patent_id", $"{log.File} is not the PatentsView patent table (g_patent.tsv: patent_id, patent_date, patent_title …); import g_patent.tsv and the tables beside it are joined to it.");
                yield break;
            }
            var id = Get(main, row, "patent_id");
            if (id is null) { log.Error(row.Number, "patent_id", "the patent_id is empty; every record is keyed on it."); continue; }
            var kind = Get(main, row, "wipo_kind")?.ToUpperInvariant();
            var number = PatentRecord.NormaliseNumber("US" + id + kind);
            var text = Get(main, row, "patent_date");
            if (!PatentDate.TryParse(text, out var date)) { log.Warn(row.Number, "patent_date", $"'{text}' is not a valid date; the field is left empty."); date = null; }
            var s = side.GetValueOrDefault(id);
            DateOnly? filing = null;
            if (s?.FilingDate is { } f && !PatentDate.TryParse(f, out filing)) log.Warn(row.Number, "filing_date", $"'{f}' (g_application.tsv) is not a valid date; the field is left empty.");
            var ipc = Codes(s?.Ipc, row.Number, "g_ipc_at_issue.tsv", log);
            var cpc = Codes(s?.Cpc, row.Number, "g_cpc_current.tsv", log);
            yield return new(row.Number, new PatentRecord(number, "US", kind, Get(main, row, "patent_type") is { } t ? $"Granted Patent ({t})" : "Granted Patent",
                Get(main, row, "patent_title"), s?.Abstract, null, s?.ApplicationNumber, filing, filing, date, date?.Year, number,
                s?.Assignees.OrderBy(a => a.Seq).Select(a => a.Name).Distinct().ToList() ?? [],
                s?.Inventors.OrderBy(a => a.Seq).Select(a => a.Name).Distinct().ToList() ?? [], ipc, cpc));
        }
    }

    static IReadOnlyList<IpcCode> Codes(List<string>? symbols, int row, string table, ImportLog log)
    {
        var list = new List<IpcCode>();
        foreach (var symbol in symbols ?? [])
        {
            var code = IpcCode.Parse(symbol);
            if (code is null) log.Warn(row, table, $"'{symbol}' is not an IPC/CPC symbol; it is left out.");
            else if (!list.Contains(code)) list.Add(code);
        }
        return list;
    }
}
