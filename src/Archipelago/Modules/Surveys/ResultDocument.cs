using System.Text;

namespace Archipelago.Modules.Surveys;

/// <summary>One result table as a reader sees it: a title, column headings and formatted cells (first column = row label).</summary>
public sealed record ResultTable(string Title, string[] Header, IReadOnlyList<string[]> Rows);

/// <summary>
/// The presentation of an analysis' result, written once (<see cref="StatsTables"/>) and shown twice: as aligned text
/// by the CLI and as HTML tables on the pages. Lines are headings above the tables; notices follow them.
/// </summary>
public sealed class ResultDocument
{
    public List<string> Headings { get; } = [];
    public List<ResultTable> Tables { get; } = [];
    public List<NoticeDto> Notices { get; } = [];

    /// <summary>A heading line (blank lines are layout in the text form only).</summary>
    public ResultDocument AppendLine(string line = "")
    {
        if (line.Length > 0) Headings.Add(line);
        return this;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var h in Headings) sb.AppendLine(h).AppendLine();
        foreach (var t in Tables)
        {
            var all = t.Rows.Prepend(t.Header).ToList();
            var widths = t.Header.Select((_, j) => all.Max(r => r[j].Length)).ToArray();
            sb.AppendLine(t.Title);
            foreach (var (row, i) in all.Select((r, i) => (r, i)))
            {
                sb.Append("  ").AppendJoin("  ", row.Select((c, j) => j == 0 ? c.PadRight(widths[j]) : c.PadLeft(widths[j]))).AppendLine();
                if (i == 0) sb.Append("  ").AppendLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
            }
            sb.AppendLine();
        }
        if (Notices.Count > 0)
        {
            sb.AppendLine("Notes");
            foreach (var n in Notices) sb.AppendLine($"  [{n.Code}] {n.Message}");
        }
        return sb.ToString();
    }
}
