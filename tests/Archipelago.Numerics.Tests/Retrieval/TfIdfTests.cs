using Archipelago.Numerics.Retrieval;

namespace Archipelago.Numerics.Tests.Retrieval;

/// <summary>
/// Expected values computed independently in plain Python (Debian /usr/bin/python3, no scikit-learn installed), with
/// scikit-learn's TfidfVectorizer defaults written out (smooth idf = ln((1+n)/(1+df)) + 1, raw counts, L2 norm):
/// <code>
/// def tok(s): return [t for t in re.findall(r"[a-z0-9]+", s.lower()) if len(t) >= 2]
/// idf = {t: math.log((1+n)/(1+df[t])) + 1 ...}; vec(s) = counts*idf / norm; cosine = sum(q[t]*d[t])
/// </code>
/// </summary>
public class TfIdfTests
{
    static readonly string[] Docs = ["patent filing for antibody drugs", "patent litigation and patent strategy", "licensing and valuation of antibody patents"];

    [Fact]
    public void Cosine_MatchesPythonReference()
    {
        var model = TfIdf.Fit(Docs);
        var q = model.Transform("antibody patent filing");
        double[] expected = [0.7203197456079378, 0.35613113176084277, 0.1734334843187123];
        for (var i = 0; i < Docs.Length; i++) Assert.Equal(expected[i], q.Dot(model.Transform(Docs[i])), 12);
        Assert.Equal(1.2876820724517808, model.Idf("patent"), 12);
        Assert.Equal(Math.Log(4.0 / 2.0) + 1, model.Idf("drugs"), 12); // df = 1 of n = 3
    }

    [Fact]
    public void Vector_IsUnitLength_AndSelfCosineIsOne()
    {
        var model = TfIdf.Fit(Docs);
        var v = model.Transform(Docs[1]);
        Assert.Equal(1.0, v.Dot(v), 12);
    }

    [Fact]
    public void UnknownTermsAndEmptyText_GiveZeroSimilarity()
    {
        var model = TfIdf.Fit(Docs);
        Assert.Equal(0, model.Transform("zebra quagga").Dot(model.Transform(Docs[0])));
        Assert.Empty(model.Transform("").Indices);
    }

    [Fact]
    public void Tokenize_SplitsLatinWordsAndHanCharacters()
    {
        Assert.Equal(["pd", "抗", "体", "专", "利", "cmc"], TfIdf.Tokenize("PD-1 抗体专利, CMC a").ToArray());
    }
}
