using Caseload.Features.DataProtection.Exports;

namespace Caseload.Tests.Features.DataProtection.Exports;

public sealed class TextScrubberTests
{
    private static TextScrubber For(params (string Name, string Role)[] people) => new(people.Select(p => new NamedPerson(p.Name, p.Role)));

    private static readonly TextScrubber Sarah = For(("Sarah Okafor", "the young person"), ("Pat Practitioner", "the practitioner"));

    [Fact]
    public void The_persons_names_become_the_young_person_whole_or_in_part()
    {
        Assert.Equal("the young person said the young person would come; the young person agreed.",
            Sarah.Scrub("Sarah Okafor said Sarah would come; Okafor agreed."));
    }

    [Fact]
    public void A_possessive_keeps_its_s()
    {
        Assert.Equal("Visited the young person's home; the young person’s bag was packed.".Replace("’", "'", StringComparison.Ordinal),
            Sarah.Scrub("Visited Sarah's home; Sarah’s bag was packed."));
    }

    [Fact]
    public void Workers_become_their_role_with_or_without_a_title()
    {
        Assert.Equal("the practitioner and the practitioner met the young person.", Sarah.Scrub("Pat Practitioner and Mr Practitioner met sarah."));
    }

    [Theory]
    [InlineData("Zoë", "Zoe said Zoë was fine.", "the young person said the young person was fine.")]
    [InlineData("Siân", "SIÂN and Sian.", "the young person and the young person.")]
    public void Accented_names_match_with_and_without_accents(string given, string text, string expected)
    {
        Assert.Equal(expected, For(($"{given} Jones", "the young person")).Scrub(text));
    }

    [Fact]
    public void Hyphenated_names_match_whole_and_by_part()
    {
        var s = For(("Amy Smith-Jones", "the young person"));

        Assert.Equal("the young person; the young person; the young person; the young person.", s.Scrub("Amy Smith-Jones; Smith-Jones; Smith; Jones."));
    }

    [Fact]
    public void Apostrophe_names_match_with_either_apostrophe_and_an_o_alone_is_left()
    {
        var s = For(("Liam O'Brien", "the young person"));

        Assert.Equal("the young person met the young person. O said no.", s.Scrub("Liam O’Brien met O'Brien. O said no."));
    }

    [Fact]
    public void A_name_that_is_also_a_word_is_taken_only_with_its_capital()
    {
        var s = For(("Hope Will", "the young person"));

        Assert.Equal("the young person said she will keep the hope alive.", s.Scrub("Hope said she will keep the hope alive."));
        Assert.Equal("the young person met the young person.", s.Scrub("Will met Hope Will."));
    }

    [Fact]
    public void A_name_is_not_found_inside_another_word()
    {
        var s = For(("Ann Lee", "the young person"));

        Assert.Equal("Annual review; the young person asleep.", s.Scrub("Annual review; Ann asleep."));
    }

    [Theory]
    [InlineData("Spoke with Mother (Jane Okafor) at home.", "Spoke with Mother at home.")]
    [InlineData("Spoke with mum Jane at home.", "Spoke with Mum at home.")]
    [InlineData("Jane Okafor (mother) was present.", "Mother was present.")]
    [InlineData("Present: Dad: John Smith, Sarah.", "Present: Dad, the young person.")]
    [InlineData("Mum and Dad were present.", "Mum and Dad were present.")]
    public void People_named_beside_a_relationship_become_the_relationship(string text, string expected)
    {
        Assert.Equal(expected, Sarah.Scrub(text));
    }

    [Theory]
    [InlineData("Call 07700 900123 or 0113 496 0000.", "Call [phone] or [phone].")]
    [InlineData("Ring +44 7700 900123.", "Ring [phone].")]
    [InlineData("Ring (0113) 496-0000 today.", "Ring [phone] today.")]
    [InlineData("Email jane.okafor@example.org now.", "Email [email] now.")]
    [InlineData("Lives at LS6 2AB, near sw1a1aa.", "Lives at [postcode], near [postcode].")]
    [InlineData("NHS number 943 476 5919.", "NHS number [NHS number].")]
    [InlineData("NHS 9434765919.", "NHS [NHS number].")]
    [InlineData("UPN A12345678901B on file.", "UPN [UPN] on file.")]
    [InlineData("See case 6f1c2b1e-58a4-4a57-9d0e-1b2c3d4e5f60.", "See case [id].")]
    [InlineData("See https://caseload.example/cases/6f1c2b1e now.", "See [link] now.")]
    [InlineData("Born 01/05/2014, seen 2026-11-23 and on 3rd March 2026.", "Born [date], seen [date] and on [date].")]
    [InlineData("Reference 123456 given.", "Reference [number] given.")]
    public void Contact_details_dates_and_identifiers_are_replaced(string text, string expected)
    {
        Assert.Equal(expected, TextScrubber.ScrubPatterns(text));
    }

    [Fact]
    public void Small_numbers_and_times_stay()
    {
        Assert.Equal("Seen at 10:30 for 45 minutes with 3 siblings in year 9.", TextScrubber.ScrubPatterns("Seen at 10:30 for 45 minutes with 3 siblings in year 9."));
    }

    [Fact]
    public void The_young_person_comes_first_when_a_name_is_shared()
    {
        var s = For(("Sam Lee", "the young person"), ("Sam Patel", "the practitioner"));

        Assert.Equal("the young person met the practitioner.", s.Scrub("Sam met Patel."));
    }

    [Fact]
    public void Nothing_to_scrub_stays_as_it_was_and_null_stays_null()
    {
        Assert.Null(Sarah.Scrub(null));
        Assert.Equal("Attended school all week.", Sarah.Scrub("Attended school all week."));
    }
}
