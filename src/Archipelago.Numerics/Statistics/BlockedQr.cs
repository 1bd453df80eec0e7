using System.Numerics;
using System.Runtime.InteropServices;

namespace Archipelago.Numerics.Statistics;

/// <summary>
/// Tall-skinny Householder QR (TSQR; Demmel, Grigori, Hoemmen &amp; Langou, SIAM J. Sci. Comput. 34, 2012):
/// rows are taken in cache-sized blocks, each block is stacked under the running upper-triangular R and
/// re-triangularised with Householder reflections; the per-thread R factors are merged the same way.
/// Only R of the centred [X y] is returned (RᵀR = XᵀX), which is all a least-squares summary needs.
/// </summary>
internal static class BlockedQr
{
    const int BlockRows = 256;

    /// <summary>R (k+1 × k+1, upper triangular) of [X − 1x̄ᵀ, y − ȳ1] over the given rows.</summary>
    public static double[,] Compress(IReadOnlyList<double> y, IReadOnlyList<IReadOnlyList<double>> xs, int[] rows,
        double yMean, double[] xMeans)
    {
        var k = xs.Count;
        var p1 = k + 1;
        var cols = new double[p1][];
        var means = new double[p1];
        for (var j = 0; j < k; j++) { cols[j] = AsArray(xs[j]); means[j] = xMeans[j]; }
        cols[k] = AsArray(y);
        means[k] = yMean;
        var identity = rows.Length == y.Count;

        var threads = Math.Max(1, Math.Min(Environment.ProcessorCount, rows.Length / (BlockRows * 4)));
        var partial = new double[threads][];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var start = (int)((long)rows.Length * t / threads);
            var end = (int)((long)rows.Length * (t + 1) / threads);
            var r = new double[p1 * p1]; // column-major upper triangular, r[col*p1 + row]
            var block = new double[p1 * BlockRows];
            for (var s = start; s < end; s += BlockRows)
            {
                var m = Math.Min(BlockRows, end - s);
                for (var j = 0; j < p1; j++)
                {
                    var dst = block.AsSpan(j * BlockRows, m);
                    var src = cols[j];
                    var mu = means[j];
                    if (identity)
                    {
                        var sp = src.AsSpan(s, m);
                        for (var i = 0; i < m; i++) dst[i] = sp[i] - mu;
                    }
                    else
                        for (var i = 0; i < m; i++) dst[i] = src[rows[s + i]] - mu;
                }
                Annihilate(r, p1, block, BlockRows, m);
            }
            partial[t] = r;
        });
        var result = partial[0];
        for (var t = 1; t < threads; t++)
        {
            // stack the other R (as a p1-row block) under the running one
            var other = partial[t];
            var blk = new double[p1 * p1];
            for (var j = 0; j < p1; j++)
                for (var i = 0; i <= j; i++) blk[j * p1 + i] = other[j * p1 + i];
            Annihilate(result, p1, blk, p1, p1);
        }
        var outR = new double[p1, p1];
        for (var j = 0; j < p1; j++)
            for (var i = 0; i <= j; i++) outR[i, j] = result[j * p1 + i];
        return outR;
    }

    static double[] AsArray(IReadOnlyList<double> v) => v as double[] ?? v.ToArray();

    /// <summary>
    /// Householder-triangularises [R; B] where R (p×p, column-major) is upper triangular and B is an m-row block
    /// (column-major with leading dimension ld). R is updated in place; B is destroyed.
    /// </summary>
    static void Annihilate(double[] r, int p, double[] b, int ld, int m)
    {
        for (var j = 0; j < p; j++)
        {
            var bj = b.AsSpan(j * ld, m);
            var s = Dot(bj, bj);
            if (s == 0) continue;
            var a = r[j * p + j];
            var norm = Math.Sqrt(a * a + s);
            var alpha = a > 0 ? -norm : norm;
            var v0 = a - alpha;
            var vtv = v0 * v0 + s;
            for (var l = j + 1; l < p; l++)
            {
                var bl = b.AsSpan(l * ld, m);
                var w = v0 * r[l * p + j] + Dot(bj, bl);
                var f = 2 * w / vtv;
                r[l * p + j] -= f * v0;
                Axpy(-f, bj, bl);
            }
            r[j * p + j] = alpha;
        }
    }

    static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        var i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count * 2)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            Vector<double> acc0 = Vector<double>.Zero, acc1 = Vector<double>.Zero;
            var v = 0;
            for (; v + 1 < va.Length; v += 2)
            {
                acc0 = Vector.FusedMultiplyAdd(va[v], vb[v], acc0);
                acc1 = Vector.FusedMultiplyAdd(va[v + 1], vb[v + 1], acc1);
            }
            for (; v < va.Length; v++) acc0 = Vector.FusedMultiplyAdd(va[v], vb[v], acc0);
            sum = Vector.Sum(acc0 + acc1);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = x.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var va = new Vector<double>(alpha);
            for (var v = 0; v < vx.Length; v++) vy[v] = Vector.FusedMultiplyAdd(va, vx[v], vy[v]);
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < n; i++) y[i] += alpha * x[i];
    }
}
