using System.Globalization;
using Archipelago.Kernel.Data;
using CsvHelper;
using Dapper;

namespace Archipelago.Modules.Industry.Features.Series;

/// <summary>
/// Writes stored figures as a long CSV in the import's own columns (so an export re-imports unchanged): indicator, its name,
/// unit, currency, price basis, frequency and measure, region, sub-sector, period, value, the citation (publication, table, page, URL), note — the latest vintage of each
/// figure, or every vintage (with <c>vintage</c>, <c>recorded_at</c> and <c>recorded_by</c> columns) when asked.
/// Rows are streamed from the database.
/// </summary>
public sealed class SeriesExport(Database db)
{
    public static readonly string[] Columns = ["indicator", "indicator_name", "name_zh", "unit", "currency", "price_basis", "frequency", "measure", "region", "subsector", "period", "value",
        "source_publication", "source_table", "source_page", "source_url", "note"];

    public async Task<long> WriteCsvAsync(TextWriter writer, string? indicator, string? region, bool allVintages, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in allVintages ? Columns.Concat(["vintage", "recorded_at", "recorded_by"]) : Columns) csv.WriteField(h);
        await csv.NextRecordAsync();
        var rows = c.QueryUnbufferedAsync($"""
            SELECT i.code, i.name_en, i.name_zh, i.unit, i.currency, i.price_basis, i.frequency, i.measure, o.region, o.subsector, o.period, o.value,
                   o.source_publication, o.source_table, o.source_page, o.source_url, o.note,
                   o.vintage, o.recorded_at, o.recorded_by
            FROM industry_observations o JOIN industry_indicators i ON i.id = o.indicator_id
            WHERE (@indicator IS NULL OR i.code = @indicator) AND (@region IS NULL OR o.region = @region) {(allVintages ? "" : "AND " + SeriesStore.IsLatest)}
            ORDER BY i.code, o.region, o.subsector, o.time, o.vintage
            """, new { indicator, region });
        long n = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            var row = (IDictionary<string, object?>)r;
            foreach (var column in new[] { "code", "name_en", "name_zh", "unit", "currency", "price_basis", "frequency", "measure", "region", "subsector", "period" })
                csv.WriteField(row[column] as string);
            csv.WriteField(Convert.ToDouble(row["value"], CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
            foreach (var column in Citation.Columns.Append("note")) csv.WriteField(row[column] as string);
            if (allVintages)
            {
                csv.WriteField(Convert.ToInt64(row["vintage"], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row["recorded_at"] as string);
                csv.WriteField(row["recorded_by"] as string);
            }
            await csv.NextRecordAsync();
            n++;
        }
        await csv.FlushAsync();
        return n;
    }
}
