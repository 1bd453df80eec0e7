using Archipelago.Kernel;
using Archipelago.Kernel.Enablers;
using Archipelago.Kernel.JointActions;
using Archipelago.Kernel.Regions;

namespace Archipelago.Tests.Kernel;

public class DomainRulesTests
{
    static Enabler Company(string key = "E1", EnablerAttributes? attrs = null) =>
        new(key, EnablerType.Enterprise, "Acme Bio", "阿克米生物", ["Acme"], new Region("Guangzhou", "Guangdong", "CN"), "development", attrs, "test");

    [Fact]
    public void Enabler_WithoutAnyName_IsRefusedNamingTheField()
    {
        var e = Assert.Throws<DomainException>(() => new Enabler("E1", EnablerType.Enterprise, " ", null, null, Region.None, null, null, "test"));
        Assert.Equal("name_required", e.Code);
        Assert.Equal("name_en", e.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("E1:lead")]
    public void Enabler_BadKey_IsRefused(string key) =>
        Assert.Equal("bad_key", Assert.Throws<DomainException>(() => Company(key)).Code);

    [Fact]
    public void Enabler_AttributeOfAnotherType_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => new Enabler("U1", EnablerType.University, "Uni", null, null, Region.None, null,
            new EnablerAttributes { Listed = true }, "test"));
        Assert.Equal("attribute_not_applicable", e.Code);
        Assert.Equal("listed", e.Field);
    }

    [Fact]
    public void Enabler_SearchText_HoldsBothNamesAliasesAndKeyInLowerCase()
    {
        var e = Company();
        Assert.Contains("acme bio", e.SearchText);
        Assert.Contains("阿克米生物", e.SearchText);
        Assert.Contains("e1", e.SearchText);
    }

    [Fact]
    public void EnablerType_UnknownCode_NamesTheValidOnes()
    {
        var e = Assert.Throws<DomainException>(() => EnablerType.Parse("startup"));
        Assert.Contains("enterprise", e.Message);
    }

    [Fact]
    public void EnablerTypes_CoverSeed004Taxonomy_InThreeFamilies()
    {
        // Seed 004 §6.1: four explicit organisational, four explicit flow, and implicit enablers.
        Assert.Equal(4, EnablerType.All.Count(t => t.Family == EnablerFamily.ExplicitOrganisational));
        Assert.Equal(4, EnablerType.All.Count(t => t.Family == EnablerFamily.ExplicitFlow));
        Assert.Equal(3, EnablerType.All.Count(t => t.Family == EnablerFamily.Implicit));
    }

    [Theory]
    [InlineData("Guangzhou", "Guangdong", "CN", RegionScope.Local)]
    [InlineData("Shenzhen", "Guangdong", "CN", RegionScope.Domestic)]
    [InlineData("Cambridge", "England", "GB", RegionScope.Abroad)]
    [InlineData(null, null, null, RegionScope.Unknown)]
    public void Region_ScopeFromGuangzhou(string? city, string? province, string? country, RegionScope expected) =>
        Assert.Equal(expected, new Region(city, province, country).ScopeFrom(new Region("Guangzhou", "Guangdong", "CN")));

    [Fact]
    public void Region_HomeGivenAsProvince_CountsTheWholeProvinceAsLocal() =>
        Assert.Equal(RegionScope.Local, new Region("Shenzhen", "Guangdong", "CN").ScopeFrom(new Region(null, "Guangdong", "CN")));

    [Theory]
    [InlineData("China")]
    [InlineData("C1")]
    public void Region_CountryNotIsoAlpha2_IsRefused(string country) =>
        Assert.Equal("bad_country", Assert.Throws<DomainException>(() => new Region(null, null, country)).Code);

    [Fact]
    public void Region_CityWithoutCountry_IsRefused() =>
        Assert.Equal("country_required", Assert.Throws<DomainException>(() => new Region("Guangzhou", null, null)).Code);

    [Theory]
    [InlineData("2016", 2016, 1, 1, DatePrecision.Year)]
    [InlineData("2016-05", 2016, 5, 1, DatePrecision.Month)]
    [InlineData("2016-05-31", 2016, 5, 31, DatePrecision.Day)]
    [InlineData("2016/5/31", 2016, 5, 31, DatePrecision.Day)]
    [InlineData("20160531", 2016, 5, 31, DatePrecision.Day)]
    [InlineData("2016-05-31T10:00:00Z", 2016, 5, 31, DatePrecision.Day)]
    public void PartialDate_ParsesTheFormsSourcesUse(string text, int y, int m, int d, DatePrecision p) =>
        Assert.Equal(new PartialDate(y, m, d, p), PartialDate.Parse(text));

    [Theory]
    [InlineData("2019-13-45")]
    [InlineData("2019-02-30")]
    [InlineData("20190000")]
    [InlineData("19")]
    [InlineData("next year")]
    public void PartialDate_Malformed_IsRefused(string text) =>
        Assert.Equal("bad_date", Assert.Throws<DomainException>(() => PartialDate.Parse(text)).Code);

    static JointAction Action(IEnumerable<Participant> ps, decimal? value = null, string? currency = null, PartialDate? end = null) =>
        new("A1", "collaboration", PartialDate.Parse("2020-01"), end, ps, value, currency, null, "test");

    [Fact]
    public void JointAction_OneParticipant_IsRefused() =>
        Assert.Equal("too_few_participants", Assert.Throws<DomainException>(() => Action([new Participant(1, "lead")])).Code);

    [Fact]
    public void JointAction_SameEnablerTwice_IsRefused() =>
        Assert.Equal("repeated_participant", Assert.Throws<DomainException>(() => Action([new Participant(1, "lead"), new Participant(1, "partner")])).Code);

    [Fact]
    public void JointAction_EventWithManyParticipants_IsOneAction()
    {
        var a = Action(Enumerable.Range(1, 40).Select(i => new Participant(i, "attendee")));
        Assert.Equal(40, a.Participants.Count);
    }

    [Fact]
    public void JointAction_ValueWithoutCurrency_IsRefused() =>
        Assert.Equal("currency_required", Assert.Throws<DomainException>(() => Action([new Participant(1, "a"), new Participant(2, "b")], 100m)).Code);

    [Fact]
    public void JointAction_EndBeforeStart_IsRefused() =>
        Assert.Equal("end_before_start", Assert.Throws<DomainException>(() => Action([new Participant(1, "a"), new Participant(2, "b")], end: PartialDate.Parse("2019"))).Code);
}
