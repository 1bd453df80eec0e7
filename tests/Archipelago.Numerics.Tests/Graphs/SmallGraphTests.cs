using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>Exact answers on small graphs, each derived by hand in the comments.</summary>
public class SmallGraphTests
{
    const double Tol = 1e-12;
    static Graph Star() => Graph.FromEdges(new[] { (0, 1), (0, 2), (0, 3), (0, 4) });
    static Graph Path4() => Graph.FromEdges(new[] { (0, 1), (1, 2), (2, 3) });
    static Graph K4() => Graph.FromEdges(new[] { (0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3) });
    static Graph TriangleAndEdge() => Graph.FromEdges(new[] { (0, 1), (1, 2), (0, 2), (3, 4) });

    static void All(double[] expected, double[] actual, double tol = Tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Reference.Close(expected[i], actual[i], tol, $"node {i}");
    }

    [Fact]
    public void Star_with_four_leaves()
    {
        var g = Star();
        Assert.Equal(new[] { 4, 1, 1, 1, 1 }, Centrality.Degree(g));
        // Centre lies on all C(4,2) = 6 leaf-leaf geodesics: B = 6, normalised 2·6/((n-1)(n-2)) = 12/12 = 1.
        All([1, 0, 0, 0, 0], Centrality.Betweenness(g));
        All([6, 0, 0, 0, 0], Centrality.Betweenness(g, normalized: false));
        // Centre: 4 nodes at distance 1 → 4/4 = 1. Leaf: 1 + 3·2 = 7 → 4/7. Harmonic: 4 and 1 + 3/2.
        All([1, 4 / 7.0, 4 / 7.0, 4 / 7.0, 4 / 7.0], Centrality.Closeness(g));
        All([4, 2.5, 2.5, 2.5, 2.5], Centrality.Harmonic(g));
        // A x = λ x with x = (c, l, l, l, l): 4l = λc, c = λl → λ = 2, c = 2l; unit norm: l = 1/√8, c = 2/√8.
        All([2 / Math.Sqrt(8), 1 / Math.Sqrt(8), 1 / Math.Sqrt(8), 1 / Math.Sqrt(8), 1 / Math.Sqrt(8)], Centrality.Eigenvector(g).Values);
        // PageRank: l = 0.15/5 + 0.85·c/4, c = 0.15/5 + 0.85·4l, c + 4l = 1 → 1.85c = 0.88 → c = 0.88/1.85.
        var c = 0.88 / 1.85; var l = (1 - c) / 4;
        All([c, l, l, l, l], Centrality.PageRank(g, tolerance: 1e-15, maxIterations: 1000).Values, 1e-12);
        All([0, 0, 0, 0, 0], Cohesion.LocalClustering(g));
        // Burt: centre p = 1/4 to each leaf, no indirect paths → 4·(1/4)² = 0.25; leaves have one contact → 1.
        All([0.25, 1, 1, 1, 1], StructuralHoles.Constraint(g));
        // Effective size n - 2t/n: centre 4 - 0 = 4, leaf 1 - 0 = 1.
        All([4, 1, 1, 1, 1], StructuralHoles.EffectiveSize(g));
        // Freeman: degree Σ(4 - d) = 12 over (n-1)(n-2) = 12 → 1; betweenness Σ(6 - b) = 24 over (n-1)²(n-2)/2 = 24 → 1.
        Assert.Equal(1, Centralisation.Degree(g, loops: false).Centralization, Tol);
        Assert.Equal(1, Centralisation.Betweenness(g).Centralization, Tol);
        // igraph default loops = TRUE divides by n(n-1) = 20 → 12/20.
        Assert.Equal(0.6, Centralisation.Degree(g).Centralization, Tol);
        // density 2m/(n(n-1)) = 8/20
        Assert.Equal(0.4, Cohesion.Density(g), Tol);
        Assert.Equal(BaranForm.Centralised, NetworkForm.Classify(g).Form);
    }

    [Fact]
    public void Path_of_four_nodes()
    {
        var g = Path4();
        // Node 1 is on 0–2 and 0–3, node 2 on 0–3 and 1–3: raw 2, normalised 2·2/(3·2) = 2/3.
        All([0, 2 / 3.0, 2 / 3.0, 0], Centrality.Betweenness(g));
        // Distance sums 6, 4, 4, 6 → 3/6, 3/4.
        All([0.5, 0.75, 0.75, 0.5], Centrality.Closeness(g));
        // 1 + 1/2 + 1/3 = 11/6; 1 + 1 + 1/2 = 5/2.
        All([11 / 6.0, 2.5, 2.5, 11 / 6.0], Centrality.Harmonic(g));
        // P4 eigenvectors: x_j = sin(jπ/5), j = 1..4, λ = 2cos(π/5); Σ sin² = 5/2.
        var s1 = Math.Sin(Math.PI / 5) / Math.Sqrt(2.5); var s2 = Math.Sin(2 * Math.PI / 5) / Math.Sqrt(2.5);
        All([s1, s2, s2, s1], Centrality.Eigenvector(g).Values, 1e-10);
        // Betweenness centralisation: Σ(2 - b) = 4 over 3²·2/2 = 9.
        Assert.Equal(4 / 9.0, Centralisation.Betweenness(g).Centralization, Tol);
        // Degree centralisation without loops: Σ(2 - d) = 2 over 3·2 = 6.
        Assert.Equal(1 / 3.0, Centralisation.Degree(g, loops: false).Centralization, Tol);
    }

    [Fact]
    public void Complete_graph_on_four_nodes()
    {
        var g = K4();
        All([0, 0, 0, 0], Centrality.Betweenness(g));
        All([1, 1, 1, 1], Centrality.Closeness(g));
        All([1, 1, 1, 1], Cohesion.LocalClustering(g));
        All([0.5, 0.5, 0.5, 0.5], Centrality.Eigenvector(g).Values);
        All([0.25, 0.25, 0.25, 0.25], Centrality.PageRank(g).Values);
        // p = 1/3 to each contact; indirect via the 2 others: 2·(1/3)(1/3) = 2/9; (1/3 + 2/9)² = 25/81, three contacts → 75/81.
        All([75 / 81.0, 75 / 81.0, 75 / 81.0, 75 / 81.0], StructuralHoles.Constraint(g));
        // 3 contacts with 3 ties among them: 3 - 2·3/3 = 1.
        All([1, 1, 1, 1], StructuralHoles.EffectiveSize(g));
        Assert.Equal(1, Cohesion.Density(g), Tol);
        // One community: L/m - (K/2m)² = 1 - 1 = 0.
        Assert.Equal(0, Communities.Modularity(g, [0, 0, 0, 0]), Tol);
        Assert.Equal(0, Centralisation.Degree(g).Centralization, Tol);
    }

    [Fact]
    public void Two_components()
    {
        var g = TriangleAndEdge();
        var comps = Cohesion.ConnectedComponents(g);
        Assert.Equal(2, comps.Count);
        Assert.Equal(new[] { 3, 2 }, comps.Sizes);
        Assert.Equal(new[] { 0, 0, 0, 1, 1 }, comps.Membership);
        All([0, 0, 0, 0, 0], Centrality.Betweenness(g));
        // Triangle node: r-1 = 2 reachable at total distance 2 → 2/2 · 2/4 = 0.5; edge node: 1/1 · 1/4 = 0.25.
        All([0.5, 0.5, 0.5, 0.25, 0.25], Centrality.Closeness(g));
        All([1, 1, 1, 1, 1], Centrality.Closeness(g, wfImproved: false));
        All([2, 2, 2, 1, 1], Centrality.Harmonic(g));
        // Leading eigenvalue 2 lives on the triangle (the edge has 1): x = (1,1,1,0,0)/√3.
        All([1 / Math.Sqrt(3), 1 / Math.Sqrt(3), 1 / Math.Sqrt(3), 0, 0], Centrality.Eigenvector(g).Values, 1e-10);
        // m = 4; triangle L = 3, K = 6: 3/4 - (6/8)² = 0.1875; edge L = 1, K = 2: 1/4 - (2/8)² = 0.1875 → Q = 0.375.
        Assert.Equal(0.375, Communities.Modularity(g, [0, 0, 0, 1, 1]), Tol);
        var louvain = Communities.Louvain(g, new Random(1));
        Assert.Equal(new[] { 0, 0, 0, 1, 1 }, louvain.Membership);
        Assert.Equal(0.375, louvain.Modularity, Tol);
        Assert.Equal(0.4, Cohesion.Density(g), Tol);
    }

    [Fact]
    public void Directed_path_betweenness_and_incoming_closeness()
    {
        var g = Graph.FromEdges(new[] { (0, 1), (1, 2) }, directed: true);
        // Only 0→2 passes 1: raw 1, normalised 1/((n-1)(n-2)) = 1/2 (directed: no factor 2).
        Assert.Equal(new[] { 0, 0.5, 0 }, Centrality.Betweenness(g));
        // Incoming distances: node 0 reached by none → 0; node 1 by 0 at 1 → 1·(1/2); node 2 by 1 (1), 0 (2) → 2/3 · 2/2.
        All([0, 0.5, 2 / 3.0], Centrality.Closeness(g));
        Assert.Equal(new[] { 1, 2, 1 }, Centrality.Degree(g));
        Assert.Equal(new[] { 0, 1, 1 }, Centrality.Degree(g, DegreeMode.In));
    }
}
