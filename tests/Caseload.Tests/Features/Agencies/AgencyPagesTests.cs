using System.Net;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Agencies;

/// <summary>The directory, involvement and consent forms without JavaScript: GOV.UK errors, nothing overwritten, and what was saved shown.</summary>
public abstract class AgencyPagesTests(CaseloadApp app)
{
    [Fact]
    public async Task An_administrator_s_edit_made_on_a_stale_form_overwrites_nothing()
    {
        var admin = await app.CreateUserAsync(Roles.Administrator);
        using var browser = await PageClient.SignInAsync(app, admin);
        var name = $"Eastgate Housing {Guid.NewGuid().ToString("N")[..6]}";
        var added = await browser.PostFormAsync("/Admin/Agencies/Edit", new() { ["Name"] = name, ["Kind"] = "housing", ["SecureEmail"] = "tenancy@eastgate.example.gov.uk" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = await app.WithDbAsync(db => db.Set<Caseload.Features.Agencies.Agency>().Where(a => a.Name == name).Select(a => a.Id).SingleAsync());
        var url = $"/Admin/Agencies/Edit/{id}";
        Assert.Contains(name, await browser.GetStringAsync(new Uri("/Admin/Agencies", UriKind.Relative)), StringComparison.Ordinal);

        // Two administrators open the form; the first saves; the second's form still carries version 1.
        var staleForm = await browser.GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.Contains("name=\"Version\" value=\"1\"", staleForm, StringComparison.Ordinal);
        var first = await browser.PostFormAsync(url, new() { ["Name"] = name, ["Kind"] = "housing", ["Phone"] = "0113 496 0001" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await browser.PostFormAsync(url, new() { ["Version"] = "1", ["Name"] = name + " renamed", ["Kind"] = "local-authority" });
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        var html = await second.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("Someone else changed this agency", html, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Set<Caseload.Features.Agencies.Agency>().AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((name, "housing", "0113 496 0001", 2), (stored.Name, stored.Kind, stored.Phone, stored.Version));

        // The audit trail says what the agency was given, and exactly what the change changed (the form left the secure email empty).
        var audited = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "agency" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.Details }).ToListAsync());
        Assert.Equal([AuditActions.AgencyCreated, AuditActions.AgencyChanged], audited.Select(e => e.Action));
        Assert.Equal($"name={name}; kind=housing; phone=-; email=-; address=-; secureEmail=tenancy@eastgate.example.gov.uk", audited[0].Details);
        Assert.Equal("phone: - → 0113 496 0001; secureEmail: tenancy@eastgate.example.gov.uk → -", audited[1].Details);

        var practitioner = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Practitioner));
        var refused = await practitioner.GetAsync(new Uri("/Admin/Agencies", UriKind.Relative));
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_and_involvement_forms_show_every_error_then_save_and_the_record_pages_show_them()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var personId = await api.CreatePersonAsync("Amara", "Okafor", "2012-05-06");
        var caseId = (await api.CreateCaseAsync(personId, p.UserName))["id"]!.GetValue<Guid>();
        var agencyId = await AgenciesApiTests.AddAgencyAsync(app);
        using var browser = await PageClient.SignInAsync(app, p);

        var empty = await browser.PostFormAsync($"/People/{personId}/Consents/New", new() { ["GivenBy"] = "person" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Select what the consent is for", errors, StringComparison.Ordinal);
        Assert.Contains("Enter the date consent was given", errors, StringComparison.Ordinal);
        var consent = await browser.PostFormFieldsAsync($"/People/{personId}/Consents/New", [
            new("Purpose", "information-sharing"), new("AgencyIds", agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("GivenBy", "parent-carer"), new("GivenByName", "Grace Okafor"), new("Method", "written"),
            new("GivenOnDay", "20"), new("GivenOnMonth", "11"), new("GivenOnYear", "2026"), new("ReviewOnDay", "20"), new("ReviewOnMonth", "5"), new("ReviewOnYear", "2027"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var personPage = await browser.GetStringAsync(new Uri($"/People/{personId}", UriKind.Relative));
        Assert.Contains("Sharing information with other agencies", personPage, StringComparison.Ordinal);
        Assert.Contains("Grace Okafor (a parent or carer), written, on 20 Nov 2026", personPage, StringComparison.Ordinal);
        Assert.Contains("20 May 2027", personPage, StringComparison.Ordinal);

        var noWho = await browser.PostFormAsync($"/Cases/{caseId}/Involvements/New", new() { ["Role"] = "School nurse", ["FromDay"] = "31", ["FromMonth"] = "2", ["FromYear"] = "2026" });
        Assert.Equal(HttpStatusCode.BadRequest, noWho.StatusCode);
        var noWhoHtml = await noWho.Content.ReadAsStringAsync();
        Assert.Contains("Choose an agency or name a professional", noWhoHtml, StringComparison.Ordinal);
        Assert.Contains("must be a real date", noWhoHtml, StringComparison.Ordinal);
        var saved = await browser.PostFormAsync($"/Cases/{caseId}/Involvements/New", new()
        {
            ["AgencyId"] = agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ProfessionalName"] = "Dr Amy Shah", ["ProfessionalRole"] = "GP",
            ["Role"] = "Family doctor", ["FromDay"] = "2", ["FromMonth"] = "11", ["FromYear"] = "2026", ["Lead"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var casePage = await browser.GetStringAsync(new Uri($"/Cases/{caseId}", UriKind.Relative));
        Assert.Contains("Dr Amy Shah (GP), Riverside Surgery", casePage, StringComparison.Ordinal);
        Assert.Contains("Lead professional", casePage, StringComparison.Ordinal);
        Assert.Contains("From 2 Nov 2026", casePage, StringComparison.Ordinal);
    }
}

public sealed class AgencyPagesTests_Sqlite(SqliteApp app) : AgencyPagesTests(app);

public sealed class AgencyPagesTests_Postgres(PostgresApp app) : AgencyPagesTests(app);
