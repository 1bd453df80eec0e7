namespace Archipelago.Numerics.Retrieval;

/// <summary>A sparse, L2-normalised term vector: term indices ascending, with their weights.</summary>
public readonly record struct SparseVector(int[] Indices, double[] Values)
{
    public static readonly SparseVector Empty = new([], []);

    /// <summary>The dot product; for two L2-normalised vectors, their cosine similarity (0 when either is empty).</summary>
    public double Dot(SparseVector o)
    {
        double s = 0;
        int i = 0, j = 0;
        while (i < Indices.Length && j < o.Indices.Length)
        {
            if (Indices[i] == o.Indices[j]) s += Values[i++] * o.Values[j++];
            else if (Indices[i] < o.Indices[j]) i++;
            else j++;
        }
        return s;
    }
}

/// <summary>
/// TF-IDF vectors and cosine similarity, with the definitions of scikit-learn's <c>TfidfVectorizer</c> defaults:
/// raw term counts, smoothed inverse document frequency idf(t) = ln((1 + n) / (1 + df(t))) + 1 over the n documents
/// the model is fitted on, and L2 normalisation. Terms unseen when fitting are ignored. Tokens (see
/// <see cref="Tokenize"/>): lower-cased runs of two or more ASCII letters or digits, and each Han character alone
/// (Chinese is not segmented into words; single characters are the usual robust choice for short texts).
/// </summary>
public sealed class TfIdf
{
    readonly Dictionary<string, int> vocabulary;
    readonly double[] idf;

    TfIdf(Dictionary<string, int> vocabulary, double[] idf) { this.vocabulary = vocabulary; this.idf = idf; }

    public int DocumentCount { get; private init; }
    public int VocabularySize => idf.Length;

    public double Idf(string term) => vocabulary.TryGetValue(term, out var i) ? idf[i] : double.NaN;

    public static TfIdf Fit(IEnumerable<string> documents)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        var n = 0;
        var seen = new HashSet<int>();
        foreach (var doc in documents)
        {
            n++;
            seen.Clear();
            foreach (var t in Tokenize(doc))
            {
                if (!vocab.TryGetValue(t, out var id)) { id = vocab.Count; vocab[t] = id; df.Add(0); }
                if (seen.Add(id)) df[id]++;
            }
        }
        var idf = new double[df.Count];
        for (var i = 0; i < idf.Length; i++) idf[i] = Math.Log((1.0 + n) / (1.0 + df[i])) + 1.0;
        return new TfIdf(vocab, idf) { DocumentCount = n };
    }

    public SparseVector Transform(string document)
    {
        var counts = new Dictionary<int, int>();
        foreach (var t in Tokenize(document))
            if (vocabulary.TryGetValue(t, out var id)) counts[id] = counts.GetValueOrDefault(id) + 1;
        if (counts.Count == 0) return SparseVector.Empty;
        var idx = counts.Keys.Order().ToArray();
        var val = new double[idx.Length];
        double norm = 0;
        for (var k = 0; k < idx.Length; k++) { val[k] = counts[idx[k]] * idf[idx[k]]; norm += val[k] * val[k]; }
        norm = Math.Sqrt(norm);
        for (var k = 0; k < val.Length; k++) val[k] /= norm;
        return new SparseVector(idx, val);
    }

    public static IEnumerable<string> Tokenize(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? char.ToLowerInvariant(text[i]) : ' ';
            var word = char.IsAsciiLetterOrDigit(c);
            if (word) { if (start < 0) start = i; continue; }
            if (start >= 0)
            {
                if (i - start >= 2) yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF') yield return c.ToString();
        }
    }
}
