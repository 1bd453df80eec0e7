using System.Globalization;
using Archipelago.Kernel;
using Archipelago.Numerics.Graphs;

namespace Archipelago.Modules.Cluster.Features.Network;

/// <summary>
/// Reads an edge list for <c>archipelago network</c>: a CSV whose header names <c>source,target[,weight]</c> (any
/// delimiter of comma, semicolon or tab), or whitespace-separated pairs (with an optional third weight column) where
/// lines starting with '#' or '%' are comments — the SNAP and Pajek-edge styles. Self-loops and duplicate edges are
/// kept as the graph builder defines them (duplicates merge, weights summed). A bad line is an error naming the line.
/// </summary>
public static class EdgeListFile
{
    public static Graph Read(string path, bool directed, string? weightColumn)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path)) throw new DomainException("not_found", $"{path} does not exist.", "edges");
        var lines = File.ReadLines(path);
        var edges = new List<(string Source, string Target, double Weight)>();
        string[]? header = null;
        int sourceAt = 0, targetAt = 1, weightAt = -1;
        char[] separators = [' ', '\t'];
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line[0] is '#' or '%') continue;
            if (header is null && number == FirstDataLine(path))
            {
                var delimiter = new[] { ',', ';', '\t' }.FirstOrDefault(d => line.Contains(d));
                var cells = delimiter == default ? line.Split(separators, StringSplitOptions.RemoveEmptyEntries) : line.Split(delimiter);
                var names = cells.Select(c => c.Trim().Trim('"').ToLowerInvariant()).ToArray();
                if (names.Contains("source") && names.Contains("target"))
                {
                    header = names;
                    separators = delimiter == default ? separators : [delimiter];
                    sourceAt = Array.IndexOf(names, "source");
                    targetAt = Array.IndexOf(names, "target");
                    weightAt = weightColumn is null ? -1 : Array.IndexOf(names, weightColumn.ToLowerInvariant());
                    if (weightColumn is not null && weightAt < 0)
                        throw new DomainException("unknown_column", $"{file}: no column '{weightColumn}' in the header ({string.Join(", ", names)}).", "weight");
                    continue;
                }
                header = [];
                if (delimiter != default) separators = [delimiter];
                if (weightColumn is not null) weightAt = int.TryParse(weightColumn, out var k) ? k - 1 : 2;
            }
            var parts = line.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length <= Math.Max(sourceAt, targetAt))
                throw new DomainException("bad_edge", $"{file}, line {number}: expected a source and a target, found '{raw}'.", "edges");
            var weight = 1.0;
            if (weightAt >= 0)
            {
                if (weightAt >= parts.Length || !double.TryParse(parts[weightAt].Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out weight))
                    throw new DomainException("bad_weight", $"{file}, line {number}: the weight is missing or not a number.", "weight");
            }
            edges.Add((parts[sourceAt].Trim('"'), parts[targetAt].Trim('"'), weight));
        }
        return weightAt >= 0 ? Graph.FromEdges(edges, directed) : Graph.FromEdges(edges.Select(e => (e.Source, e.Target)), directed);
    }

    static int FirstDataLine(string path)
    {
        var n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length > 0 && line[0] is not ('#' or '%')) return n;
        }
        return -1;
    }
}
