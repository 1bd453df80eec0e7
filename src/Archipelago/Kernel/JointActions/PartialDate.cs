using System.Globalization;

namespace Archipelago.Kernel.JointActions;

public enum DatePrecision { Year, Month, Day }

/// <summary>
/// A date known to the year, month or day — sources often give only "2016" or "2016-05". Text forms: <c>yyyy</c>,
/// <c>yyyy-MM</c>, <c>yyyy-MM-dd</c> (also <c>yyyy/MM/dd</c>, <c>yyyyMMdd</c>). Years 1900–2100.
/// </summary>
public readonly record struct PartialDate(int Year, int Month, int Day, DatePrecision Precision) : IComparable<PartialDate>
{
    public static PartialDate Parse(string? text, string field = "date") =>
        TryParse(text, out var d) ? d : throw new DomainException("bad_date",
            $"'{text}' is not a date; write yyyy, yyyy-MM or yyyy-MM-dd.", field);

    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        var t = text?.Trim().Replace('/', '-').Replace('.', '-');
        if (string.IsNullOrEmpty(t)) return false;
        if (t.Length == 8 && t.All(char.IsAsciiDigit)) t = $"{t[..4]}-{t[4..6]}-{t[6..]}";
        if (t.Length >= 10 && t[10..].TrimStart('T', ' ').Length > 0 && t[4] == '-') t = t[..10];
        var parts = t.Split('-');
        if (parts.Length is < 1 or > 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y) || parts[0].Length != 4 || y is < 1900 or > 2100)
            return false;
        if (parts.Length == 1) { date = new(y, 1, 1, DatePrecision.Year); return true; }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12) return false;
        if (parts.Length == 2) { date = new(y, m, 1, DatePrecision.Month); return true; }
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new(y, m, d, DatePrecision.Day);
        return true;
    }

    /// <summary>The first day the date can mean, as <c>yyyy-MM-dd</c>: what the database sorts by.</summary>
    public string SortKey => $"{Year:D4}-{Month:D2}-{Day:D2}";

    public override string ToString() => Precision switch
    {
        DatePrecision.Year => $"{Year:D4}",
        DatePrecision.Month => $"{Year:D4}-{Month:D2}",
        _ => $"{Year:D4}-{Month:D2}-{Day:D2}",
    };

    public int CompareTo(PartialDate other) => string.CompareOrdinal(SortKey, other.SortKey);
}
