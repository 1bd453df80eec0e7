using Archipelago.Kernel;
using Archipelago.Modules.ServiceExchange.Domain;

namespace Archipelago.Tests.ServiceExchange;

public class ExchangeDomainTests
{
    static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    [Fact]
    public void Profile_OutsideTheTaxonomy_IsRefusedNamingTheField()
    {
        var ex = Assert.Throws<DomainException>(() => new ProviderProfile(1, null, ["patent_filing", "astrology"], null, null, null, 1, 0, null, null, null, null, 10, 1, null));
        Assert.Equal(("unknown_service", "services"), (ex.Code, ex.Field));
        Assert.Contains("patent_filing", ex.Message); // the message lists what is allowed
        Assert.Equal("unknown_category", Code(() => new ProviderProfile(1, ["magic"], ["retrieval"], null, null, null, 1, 0, null, null, null, null, 10, 1, null)));
        Assert.Equal("unknown_technology_field", Code(() => new ProviderProfile(1, null, ["retrieval"], ["alchemy"], null, null, 1, 0, null, null, null, null, 10, 1, null)));
        Assert.Equal("unknown_language", Code(() => new ProviderProfile(1, null, ["retrieval"], null, null, ["klingon"], 1, 0, null, null, null, null, 10, 1, null)));
        Assert.Equal("services_required", Code(() => new ProviderProfile(1, ["agency"], [], null, null, null, 1, 0, null, null, null, null, 10, 1, null)));
        Assert.Equal("bad_patent_agents", Code(() => new ProviderProfile(1, null, ["retrieval"], null, null, null, 3, 4, null, null, null, null, 10, 1, null)));
        Assert.Equal("bad_range", Code(() => new ProviderProfile(1, null, ["retrieval"], null, null, null, 3, 1, null, 10, 5, "CNY", 10, 1, null)));
        Assert.Equal("currency_required", Code(() => new ProviderProfile(1, null, ["retrieval"], null, null, null, 3, 1, null, 10, null, null, 10, 1, null)));
        Assert.Equal("bad_turnaround", Code(() => new ProviderProfile(1, null, ["retrieval"], null, null, null, 3, 1, null, null, null, null, 0, 1, null)));
    }

    [Fact]
    public void Profile_CategoriesFollowItsServices()
    {
        var p = new ProviderProfile(1, ["training"], ["licensing", "Patent-Filing"], null, null, null, 2, 1, null, null, null, null, 10, 1, null);
        Assert.Equal(["agency", "commercialisation", "training"], p.Categories);
        Assert.Equal(["licensing", "patent_filing"], p.Services);
        Assert.Equal(["zh"], p.Languages);
    }

    [Fact]
    public void Need_WithUnknownCategoryOrMismatchedService_IsRefused()
    {
        Assert.Equal("unknown_category", Code(() => new Need(1, "A need", "rnd", "plumbing", null, "biologics", null, null, null, null, null)));
        Assert.Equal("unknown_demand_area", Code(() => new Need(1, "A need", "space", "agency", null, "biologics", null, null, null, null, null)));
        Assert.Equal("service_not_in_category", Code(() => new Need(1, "A need", "rnd", "agency", "licensing", "biologics", null, null, null, null, null)));
        Assert.Equal("unknown_confidentiality", Code(() => new Need(1, "A need", "rnd", "agency", null, "biologics", null, null, null, null, "secret")));
        Assert.Equal("negative_amount", Code(() => new Need(1, "A need", "rnd", "agency", null, "biologics", null, -1, "CNY", null, null)));
        Assert.Equal("control_characters", Code(() => new Need(1, "A\u0000need", "rnd", "agency", null, "biologics", null, null, null, null, null)));
        // Markup is kept as typed: it is text, and every page encodes it.
        Assert.Equal("<script>alert(1)</script>", new Need(1, "<script>alert(1)</script>", "rnd", "agency", null, "biologics", null, null, null, null, null).Title);
    }

    [Fact]
    public void ExpectedMatrix_IsSeed001Section3()
    {
        Assert.Equal(["commercialisation"], Taxonomy.ExpectedMatrix["financing"]);
        Assert.Equal(new[] { "agency", "commercialisation", "information", "legal" }, Taxonomy.ExpectedMatrix["cultivation"].Order());
        Assert.Equal(new[] { "agency", "commercialisation", "consulting", "information" }, Taxonomy.ExpectedMatrix["cooperation"].Order());
        Assert.All(Taxonomy.ExpectedMatrix, kv => Assert.Contains("commercialisation", kv.Value)); // every area of §3 needs commercialisation
    }

    [Theory]
    [InlineData("request", "propose", Party.Provider, "proposal")]
    [InlineData("proposal", "accept", Party.Client, "accepted")]
    [InlineData("accepted", "start", Party.Provider, "in_progress")]
    [InlineData("in_progress", "deliver", Party.Provider, "delivered")]
    [InlineData("delivered", "rate", Party.Client, "rated")]
    [InlineData("in_progress", "cancel", Party.Client, "cancelled")]
    [InlineData("accepted", "cancel", Party.Operator, "cancelled")]
    public void StateMachine_Allows(string from, string step, Party party, string to) =>
        Assert.Equal(to, EngagementStep.Next(from, step, party, "because"));

    [Theory]
    [InlineData("request", "accept", Party.Client, "bad_transition")]
    [InlineData("proposal", "accept", Party.Provider, "not_your_step")]
    [InlineData("delivered", "rate", Party.Provider, "not_your_step")]
    [InlineData("rated", "rate", Party.Client, "bad_transition")]
    [InlineData("delivered", "cancel", Party.Client, "bad_transition")]
    [InlineData("declined", "propose", Party.Provider, "bad_transition")]
    [InlineData("request", "bribe", Party.Client, "unknown_step")]
    public void StateMachine_Refuses(string from, string step, Party party, string code) =>
        Assert.Equal(code, Code(() => EngagementStep.Next(from, step, party, "because")));

    [Fact]
    public void Rating_IsOneToFive() => Assert.Equal("bad_score", Code(() => new Rating(6, null)));

    [Theory]
    [InlineData("report.pdf", "%PDF-1.4 ...", "application/pdf")]
    [InlineData("notes.txt", "Claims 1-20, 中文说明", "text/plain; charset=utf-8")]
    [InlineData("data.csv", "a,b\n1,2\n", "text/csv; charset=utf-8")]
    public void Attachment_AcceptedByContent(string name, string content, string type) =>
        Assert.Equal(type, AttachmentType.Check(name, System.Text.Encoding.UTF8.GetBytes(content)));

    [Theory]
    [InlineData("report.pdf", "<html><body>hi</body></html>", "disguised_file")]
    [InlineData("notes.txt", "<svg onload=alert(1)></svg>", "disguised_file")]
    [InlineData("notes.txt", "MZ\u0090\u0000", "disguised_file")]
    [InlineData("page.html", "<html></html>", "unsupported_file_type")]
    [InlineData("run.exe", "MZ", "unsupported_file_type")]
    [InlineData("empty.txt", "", "empty_file")]
    [InlineData("..", "x", "bad_file_name")]
    public void Attachment_Refused(string name, string content, string code) =>
        Assert.Equal(code, Code(() => AttachmentType.Check(name, System.Text.Encoding.UTF8.GetBytes(content))));

    [Fact]
    public void Attachment_OverTheLimit_IsRefused() =>
        Assert.Equal("file_too_large", Code(() => AttachmentType.Check("big.txt", new byte[AttachmentType.MaxBytes + 1].AsSpan())));

    [Fact]
    public void Attachment_PngRenamedToPdf_IsDisguised() =>
        Assert.Equal("disguised_file", Code(() => AttachmentType.Check("scan.pdf", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 })));
}
