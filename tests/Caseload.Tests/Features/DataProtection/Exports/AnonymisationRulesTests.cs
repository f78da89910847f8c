using Caseload.Features.DataProtection.Exports;

namespace Caseload.Tests.Features.DataProtection.Exports;

public sealed class AnonymisationRulesTests
{
    private static readonly ExportKey KeyA = ExportKey.FromBytes(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly ExportKey KeyB = ExportKey.FromBytes(Enumerable.Repeat((byte)2, 32).ToArray());
    private static readonly Guid Alex = Guid.Parse("6f1c2b1e-58a4-4a57-9d0e-1b2c3d4e5f60");
    private static readonly Guid Sam = Guid.Parse("0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d");

    [Fact]
    public void A_pseudonym_is_stable_within_an_export_and_different_in_another()
    {
        var first = AnonymisationRules.Pseudonym(KeyA, Alex);

        Assert.Equal(first, AnonymisationRules.Pseudonym(KeyA, Alex));
        Assert.NotEqual(first, AnonymisationRules.Pseudonym(KeyA, Sam));
        Assert.NotEqual(first, AnonymisationRules.Pseudonym(KeyB, Alex));
        Assert.Matches("^P-[0-9a-f]{16}$", first);
        Assert.DoesNotContain(Alex.ToString("N")[..8], first, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Random_keys_differ_so_two_exports_cannot_be_joined_on_pseudonyms()
    {
        Assert.NotEqual(AnonymisationRules.Pseudonym(ExportKey.NewRandom(), Alex), AnonymisationRules.Pseudonym(ExportKey.NewRandom(), Alex));
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ExportKey.FromBytes(new byte[16]));
    }

    [Fact]
    public void A_persons_dates_all_move_by_one_offset_so_intervals_are_kept()
    {
        var days = AnonymisationRules.ShiftDays(KeyA, Alex);
        var referred = new DateOnly(2026, 3, 2);
        var closed = new DateOnly(2026, 9, 30);

        Assert.Equal(days, AnonymisationRules.ShiftDays(KeyA, Alex));
        Assert.InRange(Math.Abs(days), 1, AnonymisationRules.MaxShiftDays);
        Assert.Equal(closed.DayNumber - referred.DayNumber,
            AnonymisationRules.Shift(closed, days).DayNumber - AnonymisationRules.Shift(referred, days).DayNumber);
        Assert.NotEqual(referred, AnonymisationRules.Shift(referred, days));
        Assert.Null(AnonymisationRules.Shift((DateOnly?)null, days));
    }

    [Fact]
    public void Offsets_spread_over_both_directions_and_are_never_zero()
    {
        var offsets = Enumerable.Range(0, 400).Select(_ => AnonymisationRules.ShiftDays(KeyA, Guid.NewGuid())).ToList();

        Assert.DoesNotContain(0, offsets);
        Assert.Contains(offsets, o => o < 0);
        Assert.Contains(offsets, o => o > 0);
        Assert.All(offsets, o => Assert.InRange(o, -AnonymisationRules.MaxShiftDays, AnonymisationRules.MaxShiftDays));
        Assert.True(offsets.Distinct().Count() > 200);
    }

    [Theory]
    [InlineData("2014-05-01", "2026-04-30", 11)]
    [InlineData("2014-05-01", "2026-05-01", 12)]
    [InlineData("2012-02-29", "2026-02-28", 13)]
    [InlineData("2012-02-29", "2026-03-01", 14)]
    [InlineData("2026-06-01", "2026-05-01", 0)]
    public void Age_is_whole_years_on_the_day(string dob, string on, int age)
    {
        Assert.Equal(age, AnonymisationRules.AgeOn(DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(0, 0, "0-4")]
    [InlineData(4, 0, "0-4")]
    [InlineData(5, 0, "5-9")]
    [InlineData(12, 0, "10-12")]
    [InlineData(13, 0, "13-15")]
    [InlineData(17, 0, "16-17")]
    [InlineData(18, 0, "18-24")]
    [InlineData(30, 0, "25+")]
    [InlineData(9, 1, "0-9")]
    [InlineData(12, 1, "10-17")]
    [InlineData(19, 1, "18+")]
    [InlineData(12, 2, "any")]
    public void Age_bands_widen_with_the_level(int age, int level, string band)
    {
        Assert.Equal(band, AnonymisationRules.AgeBand(age, level));
    }

    [Theory]
    [InlineData("LS6 2AB", 0, "LS6")]
    [InlineData("ls62ab", 0, "LS6")]
    [InlineData("SW1A 1AA", 0, "SW1A")]
    [InlineData("M1 1AE", 0, "M1")]
    [InlineData("SW1A 1AA", 1, "SW")]
    [InlineData("LS6 2AB", 2, "other")]
    [InlineData(null, 0, "not recorded")]
    [InlineData("not a postcode", 0, "not recorded")]
    [InlineData(null, 2, "other")]
    public void A_postcode_is_reduced_to_its_district_then_its_area(string? postcode, int level, string district)
    {
        Assert.Equal(district, AnonymisationRules.District(postcode, level));
    }
}
