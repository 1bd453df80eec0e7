using Archipelago.Numerics.Graphs;

namespace Archipelago.Numerics.Tests.Graphs;

/// <summary>Freeman centralisation and Burt's constraint against R igraph 1.3.5 (reference/make_reference_igraph.R,
/// versions in reference/igraph_versions.txt; values in reference/igraph_reference.csv).</summary>
public class IgraphReferenceTests
{
    [Theory]
    [InlineData("karate")]
    [InlineData("florentine")]
    [InlineData("lesmis")]
    [InlineData("davis")]
    [InlineData("florentine_loops")]
    [InlineData("directed_gnp")]
    public void Centralisation_matches_igraph(string graph)
    {
        var g = Reference.Named(graph);
        Reference.Close(Reference.Igraph(graph, "centr_degree_loops"), Centralisation.Degree(g, loops: true).Centralization, 1e-12, "centr_degree loops");
        Reference.Close(Reference.Igraph(graph, "centr_degree_noloops"), Centralisation.Degree(g, loops: false).Centralization, 1e-12, "centr_degree");
        Reference.Close(Reference.Igraph(graph, "centr_betw"), Centralisation.Betweenness(g).Centralization, 1e-12, "centr_betw");
    }

    [Theory]
    [InlineData("karate", false)]
    [InlineData("karate", true)]
    [InlineData("florentine", false)]
    [InlineData("lesmis", false)]
    [InlineData("lesmis", true)]
    [InlineData("davis", false)]
    public void Constraint_matches_igraph(string graph, bool weighted)
    {
        var g = Reference.Named(graph);
        var c = StructuralHoles.Constraint(g, weighted);
        for (var v = 0; v < g.NodeCount; v++)
            Reference.Close(Reference.Igraph(graph, weighted ? "constraint_weighted" : "constraint_unweighted", g.Labels[v]), c[v], 1e-12, $"{graph} {g.Labels[v]}");
    }
}
