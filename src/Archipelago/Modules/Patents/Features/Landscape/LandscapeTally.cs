namespace Archipelago.Modules.Patents.Features.Landscape;

/// <summary>
/// Counts a landscape in one pass over records and their links, in memory (the rules of <see cref="PatentLandscape"/>:
/// records, distinct families and applicants, records per publication year and per basis year, records per applicant,
/// per IPC subclass, per WIPO field and per segment — each record once per key — per jurisdiction and legal status, first basis year of
/// each applicant, families and active applicants per basis year, records per basis year of each applicant and
/// subclass, and the applicants' co-applications: records naming two or more of them). Fed by <see cref="PatentLandscape"/> from the
/// stored links of the selected records (the SQL path the column store is checked against). Rankings
/// break ties by ordinal name, as the independent pandas check does.
/// </summary>
public sealed class LandscapeTally(DateBasis basis, IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, string> segments,
    IReadOnlyDictionary<string, string> titles)
{
    long records;
    readonly HashSet<string> families = new(StringComparer.Ordinal);
    readonly Dictionary<int, long> byYear = [], byBasis = [];
    readonly Dictionary<string, long> applicants = new(StringComparer.Ordinal), subclasses = new(StringComparer.Ordinal),
        fieldCounts = new(StringComparer.Ordinal), segmentCounts = new(StringComparer.Ordinal), jurisdictions = new(StringComparer.Ordinal),
        legalStatuses = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> firstYear = new(StringComparer.Ordinal);
    readonly HashSet<(int, string)> familyYears = [], applicantYears = [];
    readonly HashSet<string> recordSubclasses = new(StringComparer.Ordinal), recordFields = new(StringComparer.Ordinal), recordSegments = new(StringComparer.Ordinal);
    readonly Dictionary<(string Key, int Year), long> applicantYearRecords = [], subclassYearRecords = [];
    readonly Dictionary<string, long> coApplied = new(StringComparer.Ordinal);
    readonly Dictionary<(string, string), long> pairs = [];
    long coRecords;
    int? symbolsYear;

    public DateBasis Basis => basis;

    /// <summary>Counts a record; its applicants (normalised, each once) follow through <see cref="AddApplicants"/>, and its
    /// IPC symbols through <see cref="AddIpc"/> after <see cref="BeginSymbols"/>.</summary>
    public void AddRecord(string family, string jurisdiction, int? publicationYear, int? basisYear, string? legalStatus = null)
    {
        records++;
        families.Add(family);
        Increment(jurisdictions, jurisdiction);
        if (legalStatus is not null) Increment(legalStatuses, legalStatus);
        if (publicationYear is { } p) byYear[p] = byYear.GetValueOrDefault(p) + 1;
        if (basisYear is { } b)
        {
            byBasis[b] = byBasis.GetValueOrDefault(b) + 1;
            familyYears.Add((b, family));
        }
    }

    /// <summary>Starts the IPC symbols of the next record, of <paramref name="basisYear"/> (a record counts once per
    /// subclass, field and segment).</summary>
    public void BeginSymbols(int? basisYear)
    {
        recordSubclasses.Clear();
        recordFields.Clear();
        recordSegments.Clear();
        symbolsYear = basisYear;
    }

    /// <summary>The applicants of one record (normalised names, each once).</summary>
    public void AddApplicants(IReadOnlyList<string> names, int? basisYear)
    {
        foreach (var applicant in names)
        {
            Increment(applicants, applicant);
            if (names.Count > 1) Increment(coApplied, applicant);
            if (basisYear is not { } y) continue;
            applicantYears.Add((y, applicant));
            applicantYearRecords[(applicant, y)] = applicantYearRecords.GetValueOrDefault((applicant, y)) + 1;
            if (!firstYear.TryGetValue(applicant, out var first) || y < first) firstYear[applicant] = y;
        }
        if (names.Count < 2) return;
        coRecords++;
        for (var i = 0; i < names.Count; i++)
            for (var j = i + 1; j < names.Count; j++)
            {
                var pair = string.CompareOrdinal(names[i], names[j]) < 0 ? (names[i], names[j]) : (names[j], names[i]);
                pairs[pair] = pairs.GetValueOrDefault(pair) + 1;
            }
    }

    /// <summary>An IPC symbol of the current record, by subclass and main group (<c>A61K 8/00</c>, or the subclass alone).</summary>
    public void AddIpc(string subclass, string mainGroup)
    {
        if (recordSubclasses.Add(subclass))
        {
            Increment(subclasses, subclass);
            if (symbolsYear is { } y) subclassYearRecords[(subclass, y)] = subclassYearRecords.GetValueOrDefault((subclass, y)) + 1;
        }
        // A symbol takes the category of its main-group pattern (A61K 8/) when there is one, else of its subclass.
        var pattern = mainGroup.Length >= 2 ? mainGroup[..^2] : mainGroup;
        var field = fields.GetValueOrDefault(pattern) ?? fields.GetValueOrDefault(subclass);
        if (field is not null && recordFields.Add(field)) Increment(fieldCounts, field);
        var segment = segments.GetValueOrDefault(pattern) ?? segments.GetValueOrDefault(subclass);
        if (segment is not null && recordSegments.Add(segment)) Increment(segmentCounts, segment);
    }

    static void Increment(Dictionary<string, long> d, string key) => d[key] = d.GetValueOrDefault(key) + 1;

    public LandscapeReport Report()
    {
        static IReadOnlyDictionary<string, long> Years(Dictionary<int, long> d) =>
            d.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value);
        static IReadOnlyDictionary<string, long> Ranked(Dictionary<string, long> d, int take) =>
            d.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(take).ToDictionary(p => p.Key, p => p.Value);
        var topSubclasses = Ranked(subclasses, PatentLandscape.Top);
        var topApplicants = Ranked(applicants, PatentLandscape.Top);
        static IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Trends(IEnumerable<string> keys, Dictionary<(string Key, int Year), long> counts) =>
            keys.ToDictionary(k => k, k => (IReadOnlyDictionary<string, long>)counts.Where(c => c.Key.Key == k).OrderBy(c => c.Key.Year)
                .ToDictionary(c => c.Key.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), c => c.Value));
        var chosen = Ranked(coApplied, PatentLandscape.TopCoApplicants).Select(p => (p.Key, applicants[p.Key], p.Value)).ToList();
        var network = CoApplicantNetwork.Of(coRecords, chosen, (i, j) =>
            pairs.GetValueOrDefault(string.CompareOrdinal(chosen[i].Key, chosen[j].Key) < 0 ? (chosen[i].Key, chosen[j].Key) : (chosen[j].Key, chosen[i].Key)));
        var entrants = firstYear.Values.GroupBy(y => y).ToDictionary(g => g.Key, g => (long)g.Count());
        var familiesPerYear = familyYears.GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => (long)g.Count());
        var activePerYear = applicantYears.GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => (long)g.Count());
        var lifeCycle = familiesPerYear.Keys.Union(activePerYear.Keys).Order()
            .Select(y => new LifeCycleYear(y, familiesPerYear.GetValueOrDefault(y), activePerYear.GetValueOrDefault(y))).ToList();
        return LandscapeReport.WithGrowth(records, families.Count, applicants.Count, basis, Years(byYear), Years(byBasis),
            topApplicants, topSubclasses, topSubclasses.Keys.Where(titles.ContainsKey).ToDictionary(k => k, k => titles[k]), Ranked(fieldCounts, int.MaxValue),
            Ranked(segmentCounts, int.MaxValue), Ranked(jurisdictions, int.MaxValue), Ranked(legalStatuses, int.MaxValue), Years(entrants), lifeCycle,
            Trends(topApplicants.Keys, applicantYearRecords), Trends(topSubclasses.Keys, subclassYearRecords), network);
    }
}
