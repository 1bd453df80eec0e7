using System.Globalization;
using System.Text;
using Archipelago.Kernel;

namespace Archipelago.Modules.Surveys;

public enum ItemKind { Likert5, Likert7, Choice, Numeric, Text }

/// <summary>One question: its code (the column of the case table), wording, kind, the options of a choice item,
/// whether it is reverse-keyed (a Likert item scored max + min − answer in the case table) and required.</summary>
public sealed record QuestionItem(string Code, string Text, ItemKind Kind, IReadOnlyList<string> Choices, bool Reverse, bool Required)
{
    public int Points => Kind == ItemKind.Likert7 ? 7 : 5;
    public bool IsLikert => Kind is ItemKind.Likert5 or ItemKind.Likert7;
}

public sealed record QuestionSection(string Title, IReadOnlyList<QuestionItem> Items);

/// <summary>
/// A questionnaire's content, written and read as plain text so it can be built in a text box without JavaScript:
/// <c># Section title</c> starts a section; each item is <c>code | kind | wording | flags</c> with kind likert5, likert7,
/// numeric, text or choice(a;b;c) and flags <c>reverse</c> and/or <c>optional</c>. Lines starting with // are comments.
/// </summary>
public sealed record QuestionnaireDefinition(IReadOnlyList<QuestionSection> Sections)
{
    public IEnumerable<QuestionItem> Items => Sections.SelectMany(s => s.Items);

    public static QuestionnaireDefinition Parse(string text)
    {
        var sections = new List<(string Title, List<QuestionItem> Items)>();
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Replace("\r", "").Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith("//")) continue;
            string Where() => $"Line {n + 1}";
            if (line.StartsWith('#')) { sections.Add((line.TrimStart('#').Trim(), [])); continue; }
            var parts = line.Split('|').Select(p => p.Trim()).ToArray();
            if (parts.Length < 3) throw new DomainException("bad_item", $"{Where()}: write an item as 'code | kind | wording [| reverse, optional]'.", "definition");
            var code = parts[0];
            if (code.Length == 0 || !code.All(c => char.IsLetterOrDigit(c) || c == '_'))
                throw new DomainException("bad_item", $"{Where()}: the code '{code}' may hold letters, digits and _ only (it becomes a column name).", "definition");
            if (!codes.Add(code)) throw new DomainException("duplicate_item", $"{Where()}: the code '{code}' is used twice.", "definition");
            var kindText = parts[1].ToLowerInvariant();
            var choices = new List<string>();
            ItemKind kind;
            if (kindText.StartsWith("choice(") && kindText.EndsWith(')'))
            {
                kind = ItemKind.Choice;
                choices = parts[1][7..^1].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                if (choices.Count < 2) throw new DomainException("bad_item", $"{Where()}: a choice item needs at least two options, as choice(a;b).", "definition");
            }
            else kind = kindText switch
            {
                "likert5" => ItemKind.Likert5, "likert7" => ItemKind.Likert7, "numeric" => ItemKind.Numeric, "text" => ItemKind.Text,
                _ => throw new DomainException("bad_item", $"{Where()}: unknown kind '{parts[1]}'; use likert5, likert7, choice(a;b;…), numeric or text.", "definition"),
            };
            var flags = parts.Length > 3 ? parts[3].ToLowerInvariant().Split([',', ' '], StringSplitOptions.RemoveEmptyEntries) : [];
            if (flags.FirstOrDefault(f => f is not ("reverse" or "optional")) is { } unknown)
                throw new DomainException("bad_item", $"{Where()}: unknown flag '{unknown}'; use reverse and/or optional.", "definition");
            var reverse = flags.Contains("reverse");
            if (reverse && kind is not (ItemKind.Likert5 or ItemKind.Likert7))
                throw new DomainException("bad_item", $"{Where()}: only Likert items can be reverse-keyed.", "definition");
            if (sections.Count == 0) sections.Add(("", []));
            sections[^1].Items.Add(new QuestionItem(code, parts[2], kind, choices, reverse, !flags.Contains("optional")));
        }
        if (codes.Count == 0) throw new DomainException("empty_questionnaire", "The questionnaire has no items.", "definition");
        return new QuestionnaireDefinition(sections.Where(s => s.Items.Count > 0).Select(s => new QuestionSection(s.Title, s.Items)).ToList());
    }

    public string Format()
    {
        var sb = new StringBuilder();
        foreach (var s in Sections)
        {
            sb.Append("# ").AppendLine(s.Title);
            foreach (var i in s.Items)
            {
                var kind = i.Kind == ItemKind.Choice ? $"choice({string.Join(";", i.Choices)})" : i.Kind.ToString().ToLowerInvariant();
                var flags = string.Join(", ", new[] { i.Reverse ? "reverse" : null, i.Required ? null : "optional" }.Where(f => f is not null));
                sb.AppendLine($"{i.Code} | {kind} | {i.Text}{(flags.Length > 0 ? " | " + flags : "")}");
            }
        }
        return sb.ToString();
    }

    /// <summary>Checks one submission: every required item answered, Likert and choice answers among the options,
    /// numbers numeric. Returns the answers kept (unknown fields dropped); an error names the item.</summary>
    public Dictionary<string, string> Validate(IReadOnlyDictionary<string, string?> submitted)
    {
        var kept = new Dictionary<string, string>();
        foreach (var i in Items)
        {
            var v = submitted.TryGetValue(i.Code, out var s) ? s?.Trim() : null;
            if (string.IsNullOrEmpty(v))
            {
                if (i.Required) throw new DomainException("required", $"Please answer “{i.Text}”.", i.Code);
                continue;
            }
            var ok = i.Kind switch
            {
                ItemKind.Likert5 or ItemKind.Likert7 => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= i.Points,
                ItemKind.Choice => i.Choices.Contains(v),
                ItemKind.Numeric => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
                _ => v.Length <= 4000,
            };
            if (!ok) throw new DomainException("invalid_answer", $"“{v}” is not a valid answer to “{i.Text}”.", i.Code);
            kept[i.Code] = v;
        }
        return kept;
    }

    /// <summary>The questionnaire of seed 002 as a template: respondent attributes, then the factors of
    /// industrialisation per phase on five-point scales (1 = no influence … 5 = decisive), and success per phase.</summary>
    public static string Seed002Template()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# About you");
        sb.AppendLine("org_type | choice(enterprise;government;research institute;service institution) | Your organisation");
        sb.AppendLine("role | choice(manager;researcher;official;other) | Your role");
        sb.AppendLine("years | numeric | Years working in the biopharmaceutical field | optional");
        foreach (var (p, phase) in new[] { ("pre", "pre-clinical research"), ("cli", "clinical research"), ("mkt", "coming into the market") })
        {
            sb.AppendLine($"# Phase: {phase} — how strongly does each factor influence industrialisation? (1 = not at all, 5 = decisively)");
            foreach (var (code, text) in DemoStudy.ItemWording)
                sb.AppendLine($"{p}_{code} | likert5 | {text}");
            sb.AppendLine($"{p}_isolated | likert5 | Our organisation could succeed in this phase without the cluster | reverse");
        }
        sb.AppendLine("# Comments");
        sb.AppendLine("comment | text | Anything else we should know? | optional");
        return sb.ToString();
    }
}
