namespace Archipelago.Numerics.Graphs;

/// <summary>Options of <see cref="ForceLayout.FruchtermanReingold"/>.</summary>
/// <param name="Iterations">Cooling steps; null → 200 up to 5,000 nodes, 100 up to 50,000, 50 above.</param>
/// <param name="Gravity">Pull towards the centre, in units of the ideal edge length per unit of distance, scaled by
/// (degree + 1) as in ForceAtlas2 so hubs sit inside and separate components do not drift apart.</param>
/// <param name="Seed">Seeds the initial positions; the same graph and seed give the same layout.</param>
public sealed record ForceLayoutOptions(int? Iterations = null, double Gravity = 0.1, int Seed = 42);

/// <summary>Node coordinates; <see cref="Width"/> is the side of the square they were laid out in (0..Width).</summary>
public sealed record LayoutResult(double[] X, double[] Y, double Width, int Iterations);

/// <summary>
/// Force-directed layout for drawing networks up to hundreds of thousands of nodes.
/// </summary>
public static class ForceLayout
{
    /// <summary>
    /// Fruchterman &amp; Reingold (1991, "Graph drawing by force-directed placement", Softw. Pract. Exp. 21(11)): every pair
    /// of nodes repels with k²/d, edges attract with d²/k, and each step moves a node by at most a temperature that cools
    /// linearly. Repulsion is summed with a Barnes–Hut quadtree (Barnes &amp; Hut 1986; θ = 1.2, as ForceAtlas2 —
    /// Jacomy et al. 2014 — uses it), so a step costs O(n log n + m) instead of O(n²); a ForceAtlas2-style gravity,
    /// proportional to degree + 1, keeps separate components together. The ideal edge length k is 1 and nodes stay inside a
    /// square frame of side <see cref="LayoutResult.Width"/> = 2√n, as in the original. Edges count unweighted (the
    /// layout shows who is tied; sizes and colours show how much); self-loops are ignored. Each node's step only reads
    /// positions, so the steps run in parallel and the result does not depend on the number of threads.
    /// </summary>
    public static LayoutResult FruchtermanReingold(Graph g, ForceLayoutOptions? options = null)
    {
        var o = options ?? new ForceLayoutOptions();
        var n = g.NodeCount;
        var side = Math.Max(1, Math.Sqrt(n) * 2);
        var x = new double[n]; var y = new double[n];
        if (n == 0) return new LayoutResult(x, y, side, 0);
        if (n == 1) { x[0] = y[0] = side / 2; return new LayoutResult(x, y, side, 0); }
        var rng = new Random(o.Seed);
        for (var v = 0; v < n; v++) { x[v] = rng.NextDouble() * side; y[v] = rng.NextDouble() * side; }
        var iterations = o.Iterations ?? (n <= 5_000 ? 200 : n <= 50_000 ? 100 : 50);
        const double k = 1.0, k2 = k * k, theta2 = 1.2 * 1.2;
        var dx = new double[n]; var dy = new double[n];
        var a = g.Undirected;
        var tree = new QuadTree(n);
        for (var it = 0; it < iterations; it++)
        {
            tree.Build(x, y);
            double mx = 0, my = 0;
            for (var v = 0; v < n; v++) { mx += x[v]; my += y[v]; }
            mx /= n; my /= n;
            var temperature = side / 10 * (1 - (double)it / iterations) + 0.01;
            // Nodes in the tree's order (spatial): neighbouring nodes walk the same cells one after another, which keeps the
            // tree in cache. Each step reads positions only, so the order does not change the result.
            Parallel.For(0, n, () => new int[4 * 64 + 8], (p0, _, stack) =>
            {
                var v = tree.Order[p0];
                double fx = 0, fy = 0;
                var top = 0; stack[top++] = 0;
                while (top > 0)
                {
                    var c = stack[--top];
                    var ex = x[v] - tree.Cx[c]; var ey = y[v] - tree.Cy[c];
                    var d2 = ex * ex + ey * ey;
                    if (tree.First[c] >= 0)
                    {
                        for (var p = tree.First[c]; p < tree.Last[c]; p++)
                        {
                            var u = tree.Order[p];
                            if (u == v) continue;
                            var px = x[v] - x[u]; var py = y[v] - y[u];
                            var q2 = px * px + py * py;
                            if (q2 < 1e-12) { px = 1e-3 * ((v * 7919 + u) % 13 - 6); py = 1e-3 * ((u * 104729 + v) % 11 - 5); q2 = px * px + py * py + 1e-12; }
                            fx += px * k2 / q2; fy += py * k2 / q2; // k²/d along the unit vector
                        }
                    }
                    else if (tree.Size[c] * tree.Size[c] < theta2 * d2)
                    {
                        var f = tree.Mass[c] * k2 / d2;
                        fx += ex * f; fy += ey * f;
                    }
                    else
                        for (var q = 0; q < 4; q++) if (tree.Child[4 * c + q] > 0) stack[top++] = tree.Child[4 * c + q];
                }
                for (var e = a.Offsets[v]; e < a.Offsets[v + 1]; e++)
                {
                    var u = a.Targets[e];
                    var ex = x[v] - x[u]; var ey = y[v] - y[u];
                    var d = Math.Sqrt(ex * ex + ey * ey);
                    fx -= ex * d / k; fy -= ey * d / k; // d²/k along e/d
                }
                var gx = x[v] - mx; var gy = y[v] - my; var gd = Math.Sqrt(gx * gx + gy * gy);
                if (gd > 0) { var gf = o.Gravity * (a.Degree(v) + 1) / gd; fx -= gx * gf; fy -= gy * gf; }
                var len = Math.Sqrt(fx * fx + fy * fy);
                var step = len > temperature ? temperature / len : 1;
                dx[v] = fx * step; dy[v] = fy * step;
                return stack;
            }, _ => { });
            // the frame's walls, as in Fruchterman–Reingold: nodes pushed out stop at the border
            for (var v = 0; v < n; v++) { x[v] = Math.Clamp(x[v] + dx[v], 0, side); y[v] = Math.Clamp(y[v] + dy[v], 0, side); }
        }
        return new LayoutResult(x, y, side, iterations);
    }

    /// <summary>
    /// A point-region quadtree in flat arrays, rebuilt every step by partitioning the node order in place. A cell is a leaf
    /// when it holds at most <see cref="LeafSize"/> points or is 48 levels deep (coincident points); leaves keep their
    /// points' range in <see cref="Order"/> (First..Last), inner cells have First = −1.
    /// </summary>
    sealed class QuadTree(int n)
    {
        const int LeafSize = 8;
        public readonly int[] Order = new int[n];
        int capacity = Math.Max(16, 2 * n);
        public double[] Cx = [], Cy = [], Mass = [], Size = [];
        public int[] First = [], Last = [], Child = [];
        int count;

        public void Build(double[] x, double[] y)
        {
            if (Cx.Length < capacity) Grow(capacity);
            for (var v = 0; v < Order.Length; v++) Order[v] = v;
            double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
            for (var v = 0; v < Order.Length; v++) { x0 = Math.Min(x0, x[v]); x1 = Math.Max(x1, x[v]); y0 = Math.Min(y0, y[v]); y1 = Math.Max(y1, y[v]); }
            count = 0;
            Make(x, y, 0, Order.Length, x0, y0, Math.Max(x1 - x0, y1 - y0) + 1e-9, 0);
        }

        int Make(double[] x, double[] y, int lo, int hi, double bx, double by, double size, int depth)
        {
            if (count >= Cx.Length) Grow(Cx.Length * 2);
            var c = count++;
            Size[c] = size; Mass[c] = hi - lo;
            Child[4 * c] = Child[4 * c + 1] = Child[4 * c + 2] = Child[4 * c + 3] = 0;
            if (hi - lo <= LeafSize || depth >= 48)
            {
                First[c] = lo; Last[c] = hi;
                double sx = 0, sy = 0;
                for (var p = lo; p < hi; p++) { sx += x[Order[p]]; sy += y[Order[p]]; }
                Cx[c] = sx / (hi - lo); Cy[c] = sy / (hi - lo);
                return c;
            }
            First[c] = -1;
            var half = size / 2; double mx = bx + half, my = by + half;
            var splitX = Partition(x, mx, lo, hi);
            var splitLow = Partition(y, my, lo, splitX);
            var splitHigh = Partition(y, my, splitX, hi);
            double cx = 0, cy = 0;
            for (var q = 0; q < 4; q++)
            {
                var (l, h, qx, qy) = q switch
                {
                    0 => (lo, splitLow, bx, by), 1 => (splitLow, splitX, bx, my), 2 => (splitX, splitHigh, mx, by), _ => (splitHigh, hi, mx, my),
                };
                if (h <= l) continue;
                var child = Make(x, y, l, h, qx, qy, half, depth + 1);
                Child[4 * c + q] = child;
                cx += Cx[child] * Mass[child]; cy += Cy[child] * Mass[child];
            }
            Cx[c] = cx / Mass[c]; Cy[c] = cy / Mass[c];
            return c;
        }

        /// <summary>Moves the points with coordinate below <paramref name="split"/> to the front of lo..hi; returns the boundary.</summary>
        int Partition(double[] coordinate, double split, int lo, int hi)
        {
            var i = lo;
            for (var j = lo; j < hi; j++)
                if (coordinate[Order[j]] < split) (Order[i], Order[j]) = (Order[j], Order[i++]);
            return i;
        }

        void Grow(int size)
        {
            capacity = size;
            Array.Resize(ref Cx, size); Array.Resize(ref Cy, size); Array.Resize(ref Mass, size); Array.Resize(ref Size, size);
            Array.Resize(ref First, size); Array.Resize(ref Last, size); Array.Resize(ref Child, 4 * size);
        }
    }
}
