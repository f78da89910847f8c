using System.Net;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.DataProtection.SubjectAccess;

public abstract class SubjectAccessDueApiTests(CaseloadApp app)
{
    [Fact]
    public async Task Received_31_October_2026_in_england_and_wales_is_due_30_November_for_anyone()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/calendar/subject-access-due?division=england-and-wales&received=2026-10-31&extended=false");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        Assert.Equal("2026-11-30", body["due"]!.GetValue<string>());
        Assert.Contains("last day of November", body["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(body["extended"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Extended_it_is_due_on_the_first_working_day_after_31_january()
    {
        var body = await (await app.Anonymous().GetAsync("/api/v1/calendar/subject-access-due?division=scotland&received=2026-10-31&extended=true")).JsonAsync();

        Assert.Equal("2027-02-01", body["due"]!.GetValue<string>());
        Assert.Equal("scotland", body["division"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("division=wales&received=2026-10-31", "division")]
    [InlineData("division=scotland&received=31/10/2026", "received")]
    [InlineData("division=scotland&received=2099-06-01", "received")]
    [InlineData("division=scotland", "received")]
    [InlineData("division=scotland&received=2026-10-31&extended=maybe", "extended")]
    public async Task Bad_parameters_get_400_naming_the_parameter(string query, string parameter)
    {
        var response = await app.Anonymous().GetAsync($"/api/v1/calendar/subject-access-due?{query}");

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        Assert.Equal([parameter], problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task The_page_works_out_the_due_date_without_javascript_and_names_a_bad_field()
    {
        var dpo = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        using var browser = await PageClient.SignInAsync(app, dpo);

        var html = await browser.GetStringAsync(new Uri("/DataProtection/SubjectAccessDue?Division=england-and-wales&Received=2026-11-25", UriKind.Relative));
        Assert.Contains("Due 29 Dec 2026", html, StringComparison.Ordinal);
        Assert.Contains("Christmas Day", html, StringComparison.Ordinal);

        var bad = await browser.GetAsync(new Uri("/DataProtection/SubjectAccessDue?Division=england-and-wales&Received=tomorrow", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = await bad.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", error, StringComparison.Ordinal);
        Assert.Contains("Received must be a date", error, StringComparison.Ordinal);
    }
}

public sealed class SubjectAccessDueApiTests_Sqlite(SqliteApp app) : SubjectAccessDueApiTests(app);

public sealed class SubjectAccessDueApiTests_Postgres(PostgresApp app) : SubjectAccessDueApiTests(app);
