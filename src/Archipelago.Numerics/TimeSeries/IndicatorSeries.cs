namespace Archipelago.Numerics.TimeSeries;

/// <summary>One value of an indicator in one period (a calendar year for the statistical yearbooks the seeds quote).</summary>
/// <param name="Period">The period as an explicit number (e.g. 2017). Gaps are allowed: arithmetic uses period differences, never positions.</param>
/// <param name="Value">The value in the series' unit.</param>
public readonly record struct Observation(double Period, double Value);

/// <summary>
/// An indicator time series: periods strictly increasing, values finite. Missing years are simply absent
/// (a gap), never encoded as NaN or zero.
/// </summary>
public sealed record IndicatorSeries
{
    public string Name { get; }
    public string Unit { get; }
    public IReadOnlyList<Observation> Observations { get; }

    public IndicatorSeries(string name, string unit, IEnumerable<Observation> observations)
    {
        Name = name;
        Unit = unit;
        var list = observations.ToArray();
        for (var i = 0; i < list.Length; i++)
        {
            if (!double.IsFinite(list[i].Period) || !double.IsFinite(list[i].Value))
                throw new ArgumentException($"Series '{name}': observation {i} (period {list[i].Period}) is not finite.", nameof(observations));
            if (i > 0 && list[i].Period <= list[i - 1].Period)
                throw new ArgumentException($"Series '{name}': periods must be strictly increasing; {list[i].Period} follows {list[i - 1].Period}.", nameof(observations));
        }
        Observations = list;
    }

    /// <summary>Builds a series from parallel period and value arrays.</summary>
    public static IndicatorSeries From(string name, string unit, IReadOnlyList<double> periods, IReadOnlyList<double> values)
    {
        if (periods.Count != values.Count) throw new ArgumentException("periods and values differ in length.");
        return new IndicatorSeries(name, unit, periods.Select((p, i) => new Observation(p, values[i])));
    }

    public int Count => Observations.Count;
    public double[] Periods => Observations.Select(o => o.Period).ToArray();
    public double[] Values => Observations.Select(o => o.Value).ToArray();

    /// <summary>The value observed in <paramref name="period"/>, or null when that period is a gap.</summary>
    public double? ValueAt(double period)
    {
        foreach (var o in Observations) if (o.Period == period) return o.Value;
        return null;
    }
}
