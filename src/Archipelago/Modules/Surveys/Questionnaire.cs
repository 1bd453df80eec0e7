using System.Globalization;
using System.Text;
using Archipelago.Kernel;

namespace Archipelago.Modules.Surveys;

public enum ItemKind { Likert5, Likert7, Choice, Numeric, Text, Enabler }

/// <summary>One question: its code (the column of the case table), wording, kind, the options of a choice item,
/// whether it is reverse-keyed (a Likert item scored max + min − answer in the case table) and required; the Chinese
/// wording when the questionnaire is bilingual. An enabler item is answered by picking an enabler of the registry (its key).</summary>
public sealed record QuestionItem(string Code, string Text, ItemKind Kind, IReadOnlyList<string> Choices, bool Reverse, bool Required, string? TextZh = null)
{
    public int Points => Kind == ItemKind.Likert7 ? 7 : 5;
    public bool IsLikert => Kind is ItemKind.Likert5 or ItemKind.Likert7;
    public string Wording(bool zh) => zh && TextZh is { Length: > 0 } t ? t : Text;
}

/// <summary>A section: title (and its Chinese), items, and the Likert anchors its items use (default: agreement).</summary>
public sealed record QuestionSection(string Title, IReadOnlyList<QuestionItem> Items, string? TitleZh = null,
    IReadOnlyList<string>? Anchors = null, IReadOnlyList<string>? AnchorsZh = null)
{
    public string Heading(bool zh) => zh && TitleZh is { Length: > 0 } t ? t : Title;

    /// <summary>The label of each point of a Likert item, in the respondent's language.</summary>
    public IReadOnlyList<string> AnchorsFor(QuestionItem item, bool zh)
    {
        if (Anchors is { } a && a.Count == item.Points) return zh && AnchorsZh is { } z && z.Count == a.Count ? z : a;
        return (item.Points, zh) switch
        {
            (7, false) => ["Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Agree", "Strongly agree"],
            (7, true) => ["非常不同意", "不同意", "有点不同意", "既不同意也不反对", "有点同意", "同意", "非常同意"],
            (_, false) => ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
            (_, true) => ["非常不同意", "不同意", "既不同意也不反对", "同意", "非常同意"],
        };
    }
}

/// <summary>
/// A questionnaire's content, written and read as plain text so it can be built in a text box without JavaScript:
/// <c># Section title</c> starts a section; each item is <c>code | kind | wording | flags</c> with kind likert5, likert7,
/// numeric, text, enabler (pick from the registry) or choice(a;b;c) and flags <c>reverse</c> and/or <c>optional</c>.
/// Wording, titles and anchors may carry a Chinese version after <c>||</c> (<c>Policy matters || 政策重要</c>); a line
/// <c>anchors: a;b;c;d;e || 甲;乙;丙;丁;戊</c> sets the Likert anchors of its section. Lines starting with // are comments.
/// </summary>
public sealed record QuestionnaireDefinition(IReadOnlyList<QuestionSection> Sections)
{
    public IEnumerable<QuestionItem> Items => Sections.SelectMany(s => s.Items);

    /// <summary>True when any wording has a Chinese version, so the respondent is offered the choice of language.</summary>
    public bool Bilingual => Sections.Any(s => s.TitleZh is not null || s.Items.Any(i => i.TextZh is not null));

    static (string En, string? Zh) Split(string text)
    {
        var k = text.IndexOf("||", StringComparison.Ordinal);
        return k < 0 ? (text.Trim(), null) : (text[..k].Trim(), text[(k + 2)..].Trim() is { Length: > 0 } zh ? zh : null);
    }

    static string Join(string en, string? zh) => zh is null ? en : $"{en} || {zh}";

    public static QuestionnaireDefinition Parse(string text)
    {
        var sections = new List<(string Title, string? TitleZh, List<QuestionItem> Items, List<string>? Anchors, List<string>? AnchorsZh)>();
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Replace("\r", "").Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith("//")) continue;
            string Where() => $"Line {n + 1}";
            if (line.StartsWith('#')) { var (en, zh) = Split(line.TrimStart('#')); sections.Add((en, zh, [], null, null)); continue; }
            if (line.StartsWith("anchors:", StringComparison.OrdinalIgnoreCase))
            {
                var (en, zh) = Split(line["anchors:".Length..]);
                List<string> Points(string t) => t.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                var a = Points(en); var z = zh is null ? null : Points(zh);
                if (a.Count is not (5 or 7) || z is not null && z.Count != a.Count)
                    throw new DomainException("bad_item", $"{Where()}: give five or seven anchors separated by ';' (and as many in Chinese after '||').", "definition");
                if (sections.Count == 0) sections.Add(("", null, [], null, null));
                sections[^1] = sections[^1] with { Anchors = a, AnchorsZh = z };
                continue;
            }
            var parts = SplitItem(line);
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
                "enabler" => ItemKind.Enabler,
                _ => throw new DomainException("bad_item", $"{Where()}: unknown kind '{parts[1]}'; use likert5, likert7, choice(a;b;…), numeric, text or enabler.", "definition"),
            };
            var flags = parts.Length > 3 ? parts[3].ToLowerInvariant().Split([',', ' '], StringSplitOptions.RemoveEmptyEntries) : [];
            if (flags.FirstOrDefault(f => f is not ("reverse" or "optional")) is { } unknown)
                throw new DomainException("bad_item", $"{Where()}: unknown flag '{unknown}'; use reverse and/or optional.", "definition");
            var reverse = flags.Contains("reverse");
            if (reverse && kind is not (ItemKind.Likert5 or ItemKind.Likert7))
                throw new DomainException("bad_item", $"{Where()}: only Likert items can be reverse-keyed.", "definition");
            if (sections.Count == 0) sections.Add(("", null, [], null, null));
            var (wording, wordingZh) = Split(parts[2]);
            sections[^1].Items.Add(new QuestionItem(code, wording, kind, choices, reverse, !flags.Contains("optional"), wordingZh));
        }
        if (codes.Count == 0) throw new DomainException("empty_questionnaire", "The questionnaire has no items.", "definition");
        return new QuestionnaireDefinition(sections.Where(s => s.Items.Count > 0)
            .Select(s => new QuestionSection(s.Title, s.Items, s.TitleZh, s.Anchors, s.AnchorsZh)).ToList());
    }

    /// <summary>Splits an item line on single '|' only: '||' separates the English and Chinese wording inside a field.</summary>
    static string[] SplitItem(string line) =>
        line.Replace("||", "\u0001").Split('|').Select(p => p.Replace("\u0001", "||").Trim()).ToArray();

    public string Format()
    {
        var sb = new StringBuilder();
        foreach (var s in Sections)
        {
            sb.Append("# ").AppendLine(Join(s.Title, s.TitleZh));
            if (s.Anchors is { } a) sb.Append("anchors: ").AppendLine(Join(string.Join(";", a), s.AnchorsZh is { } z ? string.Join(";", z) : null));
            foreach (var i in s.Items)
            {
                var kind = i.Kind == ItemKind.Choice ? $"choice({string.Join(";", i.Choices)})" : i.Kind.ToString().ToLowerInvariant();
                var flags = string.Join(", ", new[] { i.Reverse ? "reverse" : null, i.Required ? null : "optional" }.Where(f => f is not null));
                sb.AppendLine($"{i.Code} | {kind} | {Join(i.Text, i.TextZh)}{(flags.Length > 0 ? " | " + flags : "")}");
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
                ItemKind.Enabler => v.Length <= 200,
                _ => v.Length <= 4000,
            };
            if (!ok) throw new DomainException("invalid_answer", $"“{v}” is not a valid answer to “{i.Text}”.", i.Code);
            kept[i.Code] = v;
        }
        return kept;
    }

    /// <summary>What a partly answered questionnaire keeps for later: the known items' answers as given (trimmed,
    /// at most 4000 characters), unchecked — they are checked when the response is finally submitted.</summary>
    public Dictionary<string, string> Draft(IReadOnlyDictionary<string, string?> submitted) =>
        Items.Select(i => (i.Code, V: submitted.TryGetValue(i.Code, out var s) ? s?.Trim() : null))
            .Where(x => !string.IsNullOrEmpty(x.V)).ToDictionary(x => x.Code, x => x.V!.Length > 4000 ? x.V[..4000] : x.V);

    /// <summary>Chinese wording of seed 002's factors (the study was run in Chinese), in the order of <see cref="DemoStudy.ItemWording"/>.</summary>
    static readonly Dictionary<string, string> ItemWordingZh = new()
    {
        ["policy"] = "国家政策法规", ["net_inst"] = "与高校和科研院所的合作", ["net_cro"] = "与CRO的合作", ["net_lead"] = "与龙头企业的合作",
        ["net_gov"] = "与政府部门的合作", ["cap_own"] = "自有资金", ["cap_gov"] = "政府资助", ["cap_vc"] = "风险投资", ["cap_ind"] = "产业资本",
        ["cap_risk"] = "风险融资", ["rnd"] = "研发能力", ["techmarket"] = "技术与市场的协同", ["resource"] = "资源保障", ["mgmt"] = "管理团队",
        ["guidance"] = "龙头企业与政府的引导", ["production"] = "生产能力", ["sales"] = "销售网络", ["competition"] = "市场竞争",
        ["success1"] = "项目按计划推进", ["success2"] = "项目达到了里程碑", ["success3"] = "项目实现了目标",
    };

    /// <summary>The questionnaire of seed 002 as a template, in English and Chinese: respondent attributes (organisation
    /// type, role, their enabler in the registry if listed), then the factors of industrialisation per phase on
    /// five-point scales (1 = no influence … 5 = decisive), and success per phase.</summary>
    public static string Seed002Template()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# About you || 关于您");
        sb.AppendLine("org_type | choice(enterprise;university;research institute;government;hospital;service provider;investor;other) | Your organisation type || 您所在机构的类型");
        sb.AppendLine("role | choice(manager;researcher;official;investor;other) | Your role || 您的职位");
        sb.AppendLine("enabler | enabler | Your organisation in the registry, if it is listed || 您所在机构（如已收录）| optional");
        sb.AppendLine("years | numeric | Years working in the biopharmaceutical field || 从事生物医药工作的年数 | optional");
        foreach (var (p, phase, phaseZh) in new[] { ("pre", "pre-clinical research", "临床前研究"), ("cli", "clinical research", "临床研究"), ("mkt", "coming into the market", "上市") })
        {
            sb.AppendLine($"# Phase: {phase} — how strongly does each factor influence industrialisation? || 阶段：{phaseZh}——各因素对产业化的影响程度");
            sb.AppendLine("anchors: no influence;slight;moderate;strong;decisive || 没有影响;影响较小;影响一般;影响较大;决定性影响");
            foreach (var (code, text) in DemoStudy.ItemWording)
                sb.AppendLine($"{p}_{code} | likert5 | {text} || {ItemWordingZh[code]}");
            sb.AppendLine($"{p}_isolated | likert5 | Our organisation could succeed in this phase without the cluster || 没有集群，我们的机构也能在这一阶段取得成功 | reverse");
        }
        sb.AppendLine("# Comments || 意见");
        sb.AppendLine("comment | text | Anything else we should know? || 您还有什么想告诉我们的吗？ | optional");
        return sb.ToString();
    }
}

/// <summary>What the question partial draws: the items, the answers so far, whether the inputs are disabled (preview),
/// the item an error concerns, the language and the enablers offered for enabler items.</summary>
public sealed record QuestionForm(QuestionnaireDefinition Definition, IReadOnlyDictionary<string, string?> Answers, bool Disabled, string? ErrorItem,
    bool Zh = false, IReadOnlyList<Archipelago.Kernel.Enablers.Enabler>? EnablerList = null)
{
    public IReadOnlyList<Archipelago.Kernel.Enablers.Enabler> Enablers => EnablerList ?? [];
}
