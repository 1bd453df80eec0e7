using Archipelago.Modules.Patents.Domain;

namespace Archipelago.Tests.Patents;

/// <summary>Classification symbols, dates and applicant names as the bad-input list and the samples write them.</summary>
public class PatentsParsingTests
{
    [Theory]
    [InlineData("A61K 38/00", "A61K 38/00", "A61K")]
    [InlineData("A61K-38/00", "A61K 38/00", "A61K")]
    [InlineData("a61k 38/00", "A61K 38/00", "A61K")]
    [InlineData("A61K38/00", "A61K 38/00", "A61K")]
    [InlineData("C12N15/113", "C12N 15/113", "C12N")]
    [InlineData("C07D41700", "C07D 417/00", "C07D")]      // WIPO compact (ritonavir sample): main group padded to 3 digits
    [InlineData("A61K031426", "A61K 31/426", "A61K")]
    [InlineData("A61K0317072", "A61K 31/7072", "A61K")]
    [InlineData("G06F015/00", "G06F 15/00", "G06F")]       // USPTO v4.0 edition-7 string
    [InlineData("A61K0038000000", "A61K 38/00", "A61K")]  // 14-character WIPO symbol
    [InlineData("A21D 13/00 20060101AFI20120702VHKR", "A21D 13/00", "A21D")] // KIPO version tag (pizza sample)
    [InlineData("C12N/", "C12N", "C12N")]                  // truncated (crispr sample): subclass level
    [InlineData("A21D 13/", "A21D", "A21D")]
    [InlineData("Y02A40/146", "Y02A 40/146", "Y02A")]     // CPC section Y
    public void IpcCode_Normalises(string text, string code, string subclass)
    {
        var c = IpcCode.Parse(text)!;
        Assert.Equal(code, c.Code);
        Assert.Equal(subclass, c.Subclass);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("A61")]
    [InlineData("Z99Z 1/00")]
    [InlineData("A61K000")]
    public void IpcCode_RejectsWhatIsNotASymbol(string text) => Assert.Null(IpcCode.Parse(text));

    [Theory]
    [InlineData("2019-03-14", 2019, 3, 14)]
    [InlineData("2019-03-14T00:00:00Z", 2019, 3, 14)]
    [InlineData("20190314", 2019, 3, 14)]
    [InlineData("14.03.2019", 2019, 3, 14)]
    public void PatentDate_ReadsTheSourcesLayouts(string text, int y, int m, int d)
    {
        Assert.True(PatentDate.TryParse(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("2019-13-45")]
    [InlineData("20190000")]
    [InlineData("2019-02-29")]
    [InlineData("yesterday")]
    public void PatentDate_RefusesDaysThatDoNotExist(string text) => Assert.False(PatentDate.TryParse(text, out _));

    [Theory]
    [InlineData("NA")]
    [InlineData("")]
    [InlineData("None")]
    public void PatentDate_MissingIsNoDate(string text)
    {
        Assert.True(PatentDate.TryParse(text, out var d));
        Assert.Null(d);
    }

    [Fact]
    public void PatentDate_EarliestPriorityFromNumbers() =>
        Assert.Equal(new DateOnly(2004, 10, 1), PatentDate.EarliestIn("[200402236U 2004-10-01T23:59:59.000Z ES, 2005070132 2005-09-23T23:59:59.000Z ES]"));

    [Theory]
    // Real variants from the samples (Lens Sangamo and drones, PATENTSCOPE pizza).
    [InlineData("SANGAMO THERAPEUTICS INC", "SANGAMO THERAPEUTICS")]
    [InlineData("Sangamo Therapeutics, Inc.", "SANGAMO THERAPEUTICS")]
    [InlineData("GOOGLE INC", "GOOGLE")]
    [InlineData("BOEING CO", "BOEING")]
    [InlineData("THALES SA", "THALES")]
    [InlineData("OSPEDALE SAN RAFFAELE SRL", "OSPEDALE SAN RAFFAELE")]
    [InlineData("KRESS; ROBERT W.", "KRESS ROBERT W")]
    [InlineData("LAZARILLO DE TORMES S L", "LAZARILLO DE TORMES")]
    [InlineData("Shenzhen DJI Technology Co., Ltd.", "SHENZHEN DJI TECHNOLOGY")]
    [InlineData("深圳市大疆创新科技有限公司", "深圳市大疆创新科技")]
    [InlineData("江苏恒瑞医药股份有限公司", "江苏恒瑞医药")]
    [InlineData("清华大学", "清华大学")]
    [InlineData("ＢＡＳＦ　ＳＥ", "BASF")]
    [InlineData("CO", "CO")]
    public void ApplicantName_Normalises(string raw, string expected) => Assert.Equal(expected, ApplicantName.Normalise(raw));
}
