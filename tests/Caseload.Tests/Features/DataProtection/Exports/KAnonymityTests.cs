using Caseload.Features.DataProtection.Exports;

namespace Caseload.Tests.Features.DataProtection.Exports;

public sealed class KAnonymityTests
{
    private static IEnumerable<QuasiIdentifiers> Rows(int count, int age, string service = "early-help", string? postcode = "LS6 2AB", string? sex = "female") =>
        Enumerable.Range(0, count).Select(_ => new QuasiIdentifiers(age, sex, null, service, postcode));

    [Fact]
    public void Groups_of_k_or_more_are_released_unchanged()
    {
        var result = KAnonymity.Apply([.. Rows(5, 11), .. Rows(6, 14)], 5);

        Assert.Equal(5, result.KAchieved);
        Assert.Equal(0, result.Generalised);
        Assert.Equal(0, result.Suppressed);
        Assert.Equal(["10-12", "13-15"], result.Rows.Select(r => r.AgeBand).Distinct().Order());
        Assert.All(result.Rows, r => Assert.Equal("LS6", r.District));
    }

    [Fact]
    public void Small_groups_are_generalised_to_a_wider_band_and_area_first()
    {
        // 3 aged 11 and 3 aged 14: neither group reaches 5 alone; together as 10-17 in LS they do.
        var result = KAnonymity.Apply([.. Rows(3, 11), .. Rows(3, 14, postcode: "LS7 1AA"), .. Rows(5, 6)], 5);

        Assert.Equal(0, result.Suppressed);
        Assert.Equal(6, result.Generalised);
        Assert.Equal(5, result.KAchieved);
        Assert.All(result.Rows.Where(r => r.Generalised), r => Assert.Equal(("10-17", "LS", 1), (r.AgeBand, r.District, r.Level)));
        Assert.All(result.Rows.Where(r => !r.Generalised), r => Assert.Equal("5-9", r.AgeBand));
    }

    [Fact]
    public void What_no_generalisation_can_hide_is_suppressed()
    {
        var result = KAnonymity.Apply([.. Rows(5, 11), .. Rows(2, 11, service: "send")], 5);

        Assert.Equal(2, result.Suppressed);
        Assert.Equal(5, result.KAchieved);
        Assert.All(result.Rows.Where(r => r.Service == "send"), r => Assert.True(r.Suppressed));
        Assert.All(result.Rows.Where(r => r.Service != "send"), r => Assert.False(r.Suppressed));
    }

    [Fact]
    public void Every_released_group_has_at_least_k_rows()
    {
        var random = new Random(7);
        var services = new[] { "early-help", "send", "careers-iag" };
        var postcodes = new[] { "LS6 2AB", "LS7 1AA", "M1 1AE", null };
        var rows = Enumerable.Range(0, 300).Select(_ => new QuasiIdentifiers(random.Next(0, 26), random.Next(2) == 0 ? "female" : "male",
            null, services[random.Next(3)], postcodes[random.Next(4)])).ToList();

        var result = KAnonymity.Apply(rows, 10);

        var groups = result.Rows.Where(r => !r.Suppressed).GroupBy(r => (r.AgeBand, r.Sex, r.Ethnicity, r.Service, r.District));
        Assert.All(groups, g => Assert.True(g.Count() >= 10, $"{g.Key} has {g.Count()}"));
        Assert.True(result.KAchieved >= 10);
        Assert.Equal(result.Rows.Count(r => r.Suppressed), result.Suppressed);
        Assert.True(result.Suppressed < 300);
    }

    [Fact]
    public void Nothing_to_release_achieves_no_k()
    {
        var result = KAnonymity.Apply([.. Rows(2, 11)], 5);

        Assert.Equal(0, result.KAchieved);
        Assert.Equal(2, result.Suppressed);
    }

    [Fact]
    public void Unrecorded_sex_and_ethnicity_are_released_as_not_recorded()
    {
        var result = KAnonymity.Apply([.. Rows(5, 11, sex: null)], 5);

        Assert.All(result.Rows, r => Assert.Equal(("not recorded", "not recorded"), (r.Sex, r.Ethnicity)));
    }

    [Fact]
    public void Ethnicity_is_generalised_to_its_major_group_and_district_to_area_before_anything_is_suppressed()
    {
        // Three White Irish in LS6 and three White British in LS7: neither group reaches 5; as White in LS they do.
        var rows = Enumerable.Range(0, 3).Select(_ => new QuasiIdentifiers(11, "female", "WIRI", "send", "LS6 2AB"))
            .Concat(Enumerable.Range(0, 3).Select(_ => new QuasiIdentifiers(11, "female", "WBRI", "send", "LS7 1AA")))
            .Append(new QuasiIdentifiers(11, "other", "WBRI", "send", "LS7 1AA"))
            .ToList();

        var result = KAnonymity.Apply(rows, 5);

        Assert.Equal(6, result.KAchieved);
        Assert.Equal(1, result.Suppressed);
        Assert.True(result.Rows[^1].Suppressed);
        Assert.All(result.Rows.Take(6), r => Assert.Equal(("10-17", "female", "White", "LS", false), (r.AgeBand, r.Sex, r.Ethnicity, r.District, r.Suppressed)));
    }

    [Fact]
    public void Every_released_group_over_all_five_quasi_identifiers_has_at_least_k_rows()
    {
        var random = new Random(15);
        var ethnicities = new[] { "WBRI", "WBRI", "WBRI", "WIRI", "WROM", "MWBC", "APKN", "AIND", "BAFR", "CHNE", "NOBT", null };
        var sexes = new[] { "female", "male", "other", "not-known", null };
        var postcodes = new[] { "LS6 2AB", "LS7 1AA", "LS11 5QT", "BD3 9JJ", "M1 1AE", null };
        var rows = Enumerable.Range(0, 400).Select(_ => new QuasiIdentifiers(random.Next(0, 26), sexes[random.Next(sexes.Length)],
            ethnicities[random.Next(ethnicities.Length)], "early-help", postcodes[random.Next(postcodes.Length)])).ToList();

        var result = KAnonymity.Apply(rows, 5);

        var groups = result.Rows.Where(r => !r.Suppressed).GroupBy(r => (r.AgeBand, r.Sex, r.Ethnicity, r.Service, r.District)).ToList();
        Assert.All(groups, g => Assert.True(g.Count() >= 5, $"{g.Key} has {g.Count()}"));
        Assert.Contains(result.Rows, r => !r.Suppressed && r.Ethnicity is "White" or "Asian");
        Assert.DoesNotContain(result.Rows, r => postcodes.Contains(r.District));
    }
}
