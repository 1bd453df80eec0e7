namespace Archipelago.Numerics.Statistics;

/// <summary>
/// Unevaluated sum of two doubles (hi + lo, |lo| ≤ ulp(hi)/2) giving about 106 bits of significand.
/// Error-free transformations after Dekker (1971) and Knuth's TwoSum; products use a fused multiply–add
/// (Hida, Li &amp; Bailey, "Library for double-double and quad-double arithmetic", 2007).
/// Used for accumulations and the small-problem QR factorisation where double precision loses digits.
/// </summary>
internal readonly struct DoubleDouble
{
    public readonly double Hi;
    public readonly double Lo;

    public DoubleDouble(double hi, double lo) { Hi = hi; Lo = lo; }

    public static readonly DoubleDouble Zero = new(0, 0);

    public static implicit operator DoubleDouble(double x) => new(x, 0);
    public static explicit operator double(DoubleDouble x) => x.Hi + x.Lo;

    public double ToDouble() => Hi + Lo;

    static DoubleDouble QuickTwoSum(double a, double b)
    {
        var s = a + b;
        return new DoubleDouble(s, b - (s - a));
    }

    static DoubleDouble TwoSum(double a, double b)
    {
        var s = a + b;
        var bb = s - a;
        return new DoubleDouble(s, (a - (s - bb)) + (b - bb));
    }

    static DoubleDouble TwoProd(double a, double b)
    {
        var p = a * b;
        return new DoubleDouble(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        var s = TwoSum(a.Hi, b.Hi);
        var t = TwoSum(a.Lo, b.Lo);
        var lo = s.Lo + t.Hi;
        var u = QuickTwoSum(s.Hi, lo);
        lo = t.Lo + u.Lo;
        return QuickTwoSum(u.Hi, lo);
    }

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);
    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + (-b);

    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        var p = TwoProd(a.Hi, b.Hi);
        var lo = p.Lo + (a.Hi * b.Lo + a.Lo * b.Hi);
        return QuickTwoSum(p.Hi, lo);
    }

    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        var q1 = a.Hi / b.Hi;
        var r = a - b * q1;
        var q2 = r.Hi / b.Hi;
        r -= b * q2;
        var q3 = r.Hi / b.Hi;
        return QuickTwoSum(q1, q2) + q3;
    }

    public static DoubleDouble Sqrt(DoubleDouble a)
    {
        if (a.Hi <= 0) return Zero;
        var x = Math.Sqrt(a.Hi);
        // One Newton step in double-double: x + (a - x²) / (2x)
        var xx = TwoProd(x, x);
        var diff = a - xx;
        return QuickTwoSum(x, diff.Hi / (2 * x));
    }

    public static DoubleDouble Abs(DoubleDouble a) => a.Hi < 0 ? -a : a;

    public static bool operator <(DoubleDouble a, DoubleDouble b) => a.Hi < b.Hi || (a.Hi == b.Hi && a.Lo < b.Lo);
    public static bool operator >(DoubleDouble a, DoubleDouble b) => b < a;

    public override string ToString() => ToDouble().ToString("R");
}
