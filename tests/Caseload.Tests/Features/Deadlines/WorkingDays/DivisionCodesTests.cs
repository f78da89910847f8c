using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Tests.Features.Deadlines.WorkingDays;

public class DivisionCodesTests
{
    [Theory]
    [InlineData("england-and-wales", Division.EnglandAndWales)]
    [InlineData("scotland", Division.Scotland)]
    [InlineData("northern-ireland", Division.NorthernIreland)]
    [InlineData(" Scotland ", Division.Scotland)]
    public void Division_codes_are_GOV_UKs_keys(string code, Division expected)
    {
        Assert.True(DivisionCodes.TryParse(code, out var division));
        Assert.Equal(expected, division);
        Assert.Equal(code.Trim().ToLowerInvariant(), division.ToCode());
    }

    [Theory]
    [InlineData("wales")]
    [InlineData("england_and_wales")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_codes_are_not_divisions(string? code)
    {
        Assert.False(DivisionCodes.TryParse(code, out _));
    }

    [Fact]
    public void Parsing_an_unknown_code_says_which_codes_exist()
    {
        var error = Assert.Throws<FormatException>(() => DivisionCodes.Parse("wales"));

        Assert.Equal("“wales” is not a bank holiday division; expected england-and-wales, scotland or northern-ireland.", error.Message);
    }

    [Fact]
    public void Every_division_has_a_title()
    {
        Assert.Equal(["England and Wales", "Scotland", "Northern Ireland"], DivisionCodes.All.Select(d => d.Title()));
    }
}
