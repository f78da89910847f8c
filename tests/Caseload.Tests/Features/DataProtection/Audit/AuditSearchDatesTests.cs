using System.Net;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.DataProtection.Audit;

/// <summary>A search of the audit trail from or to a placeholder year answers 400 naming the field, never 500; on the page too.</summary>
public abstract class AuditSearchDatesTests(CaseloadApp app)
{
    [Theory]
    [InlineData("to", "9999-12-31")]
    [InlineData("from", "9999-12-31")]
    [InlineData("from", "0001-01-01")]
    [InlineData("to", "0001-01-01")]
    [InlineData("to", "0001-01-01T00:00:00Z")]
    [InlineData("to", "9999-12-31T23:59:59Z")]
    public async Task A_date_out_of_range_answers_400_naming_the_field(string field, string value)
    {
        var dpo = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        var api = await app.ClientForAsync(dpo);

        var response = await api.GetAsync(new Uri($"/api/v1/audit?{field}={Uri.EscapeDataString(value)}", UriKind.Relative));

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        Assert.Equal("validation-failed", problem["errorCode"]!.GetValue<string>());
        Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));

        using var browser = await PageClient.SignInAsync(app, dpo);
        var page = await browser.GetAsync(new Uri($"/Audit?{char.ToUpperInvariant(field[0])}{field[1..]}={Uri.EscapeDataString(value)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("govuk-error-message", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class AuditSearchDatesTests_Sqlite(SqliteApp app) : AuditSearchDatesTests(app);

public sealed class AuditSearchDatesTests_Postgres(PostgresApp app) : AuditSearchDatesTests(app);
