using Caseload.Features.People;

namespace Caseload.Tests.Features.People;

public sealed class PersonDetailsRulesTests
{
    [Theory]
    [InlineData("ls62ab", "LS6 2AB")]
    [InlineData("  sw1a 1aa ", "SW1A 1AA")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("b33 8th", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("gir 0aa", "GIR 0AA")]
    public void A_postcode_is_written_in_capitals_with_one_space(string given, string stored) =>
        Assert.Equal(stored, Postcodes.Normalise(given));

    [Theory]
    [InlineData("LS6")]
    [InlineData("LS6 2A")]
    [InlineData("12345")]
    [InlineData("LS6 2CI")]
    [InlineData("QQ6 2AB 7")]
    [InlineData("LS66 2ABX")]
    public void What_is_not_a_UK_postcode_is_refused(string given) => Assert.Null(Postcodes.Normalise(given));

    [Fact]
    public void A_postcodes_district_is_its_outward_code() => Assert.Equal("SW1A", Postcodes.District("sw1a1aa"));

    [Fact]
    public void Details_are_stored_trimmed_normalised_and_empty_as_not_recorded()
    {
        var (values, errors) = PersonDetailsRules.Validate(new PersonDetailsInput(" Female ", "wbri", "ls6 2ab"));

        Assert.Empty(errors);
        Assert.Equal(new PersonDetailsValues("female", "WBRI", "LS6 2AB"), values);
        Assert.Equal(new PersonDetailsValues(null, null, null), PersonDetailsRules.Validate(new PersonDetailsInput("", " ", null)).Values);
    }

    [Fact]
    public void Unknown_sex_ethnicity_or_postcode_names_each_field()
    {
        var (_, errors) = PersonDetailsRules.Validate(new PersonDetailsInput("unicorn", "WHITE", "not a postcode"));

        Assert.Equal(["ethnicity", "postcode", "sex"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("WBRI", errors["ethnicity"], StringComparison.Ordinal);
        Assert.Equal("Enter a real postcode, like LS6 2AB", errors["postcode"]);
    }

    [Theory]
    [InlineData("WBRI", "White")]
    [InlineData("WIRT", "White")]
    [InlineData("WROM", "White")]
    [InlineData("MWBC", "Mixed")]
    [InlineData("APKN", "Asian")]
    [InlineData("BAFR", "Black")]
    [InlineData("CHNE", "Chinese")]
    [InlineData("OOTH", "Other")]
    [InlineData("REFU", "Not known")]
    [InlineData("NOBT", "Not known")]
    public void Each_census_code_belongs_to_its_major_group(string code, string group)
    {
        Assert.True(Ethnicities.IsKnown(code));
        Assert.Equal(group, Ethnicities.MajorGroup(code));
    }

    [Fact]
    public void The_census_list_has_its_twenty_codes() => Assert.Equal(20, Ethnicities.Titles.Count);
}
