using System.Globalization;

namespace Archipelago.Modules.Patents.Features.Landscape;

/// <summary>The facets of a search's whole result set: records, the ten largest jurisdictions, the fifteen latest
/// publication years, the ten largest applicants and IPC subclasses (records having one, each record once), the ten
/// largest stated legal statuses.</summary>
public sealed record SearchFacets(long Total, IReadOnlyDictionary<string, long> Jurisdictions, IReadOnlyDictionary<string, long> Years,
    IReadOnlyDictionary<string, long> Applicants, IReadOnlyDictionary<string, long> Subclasses, IReadOnlyDictionary<string, long> LegalStatuses);

public sealed partial class LandscapeColumns
{
    /// <summary>The search facets of the selected rows (null: all), counted as PatentSearch's SQL counts them: ties by
    /// ordinal name, years newest first.</summary>
    public SearchFacets Facets(bool[]? selected)
    {
        var n = ids.Length;
        long total = 0;
        var jurisdictionCounts = new long[jurisdictionNames.Length];
        var legalStatusCounts = new long[legalStatusNames.Length];
        var yearCounts = new long[yearSpan];
        var applicantCounts = new long[applicantNames.Length];
        var applicantStamp = new int[applicantNames.Length];
        var subclassCounts = new long[subclassNames.Length];
        var subclassStamp = new int[subclassNames.Length];
        for (var row = 0; row < n; row++)
        {
            if (selected is not null && !selected[row]) continue;
            total++;
            jurisdictionCounts[jurisdiction[row]]++;
            if (legalStatus[row] >= 0) legalStatusCounts[legalStatus[row]]++;
            if (publicationYear[row] != NoYear) yearCounts[publicationYear[row] - minYear]++;
            var stamp = row + 1;
            for (var k = applicantStart[row]; k < applicantStart[row + 1]; k++)
            {
                var a = applicant[k];
                if (applicantStamp[a] != stamp) { applicantStamp[a] = stamp; applicantCounts[a]++; }
            }
            for (var k = ipcStart[row]; k < ipcStart[row + 1]; k++)
            {
                var sub = ipcFacts[ipcSymbol[k]].Subclass;
                if (subclassStamp[sub] != stamp) { subclassStamp[sub] = stamp; subclassCounts[sub]++; }
            }
        }
        static IReadOnlyDictionary<string, long> Top(long[] counts, string[] names, int take)
        {
            var nonZero = new List<int>();
            for (var i = 0; i < counts.Length; i++) if (counts[i] > 0) nonZero.Add(i);
            return nonZero.OrderByDescending(i => counts[i]).ThenBy(i => names[i], StringComparer.Ordinal).Take(take).ToDictionary(i => names[i], i => counts[i]);
        }
        var years = new Dictionary<string, long>();
        for (var i = yearSpan - 1; i >= 0 && years.Count < 15; i--)
            if (yearCounts[i] > 0) years[(i + minYear).ToString(CultureInfo.InvariantCulture)] = yearCounts[i];
        return new SearchFacets(total, Top(jurisdictionCounts, jurisdictionNames, 10), years, Top(applicantCounts, applicantNames, 10),
            Top(subclassCounts, subclassNames, 10), Top(legalStatusCounts, legalStatusNames, 10));
    }

    /// <summary>The record id of a row.</summary>
    public long IdOf(int row) => ids[row];

    int[]? searchOrder;

    /// <summary>The rows in the order search ranks equal scores — newest publication date first, then by publication
    /// number — as the database itself orders them (its collation, and where it puts a missing date); read once per
    /// store. Null when the table no longer holds this store's records (a write came in since).</summary>
    public async Task<int[]?> SearchOrderAsync(System.Data.Common.DbConnection c, CancellationToken ct)
    {
        if (Volatile.Read(ref searchOrder) is { } known) return known;
        var n = ids.Length;
        var order = new int[n];
        var i = 0;
        var dense = n > 0 && ids[^1] - ids[0] == n - 1;
        await using (var r = await Dapper.SqlMapper.ExecuteReaderAsync(c, new Dapper.CommandDefinition(
            "SELECT id FROM patents_records ORDER BY publication_date DESC, publication_number", cancellationToken: ct)))
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                var row = dense ? (id >= ids[0] && id <= ids[^1] ? (int)(id - ids[0]) : -1) : Array.BinarySearch(ids, id);
                if (row < 0 || i == n) return null;
                order[i++] = row;
            }
        if (i != n) return null;
        Volatile.Write(ref searchOrder, order);
        return order;
    }
}
