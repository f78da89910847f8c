using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.People;

public abstract class CharacteristicsPageTests(CaseloadApp app)
{
    [Fact]
    public async Task The_form_applies_only_what_was_changed_so_a_colleagues_change_meanwhile_stays()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var personId = await api.CreatePersonAsync("Amara", "Okafor", "2013-05-06", ["young-carer"]);
        await api.CreateCaseAsync(personId, p.UserName);
        using var browser = await PageClient.SignInAsync(app, p);
        var form = await browser.GetStringAsync($"/People/{personId}/Characteristics");
        Assert.Contains("name=\"Shown\" value=\"young-carer\"", form, StringComparison.Ordinal);

        // Between the page being shown and submitted, the supervisor records a child protection plan.
        (await (await app.ClientForAsync(supervisor)).PostAsJsonAsync($"/api/v1/people/{personId}/characteristics",
            new { add = new[] { "child-protection-plan" }, reason = "Plan made at the initial conference" })).EnsureSuccessStatusCode();

        var noReason = await browser.PostFormAsync($"/People/{personId}/Characteristics", new() { ["Selected"] = "young-carer" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Enter why the characteristics have changed", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The practitioner ticks disability and leaves young carer ticked; child protection plan was never on their form.
        var saved = await browser.PostFormFieldsAsync($"/People/{personId}/Characteristics", [
            new("Selected", "young-carer"), new("Selected", "disability"), new("Shown", "young-carer"), new("Reason", "Diagnosis letter from the paediatrician, 18 Nov 2026"),
        ]);
        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        var codes = await app.WithDbAsync(db => db.PersonCharacteristics.Where(c => c.PersonId == personId).Select(c => c.Code).OrderBy(c => c).ToListAsync());
        Assert.Equal(["child-protection-plan", "disability", "young-carer"], codes);
        var personPage = await browser.GetStringAsync(saved.Headers.Location);
        Assert.Contains("Disability added", personPage, StringComparison.Ordinal);
        Assert.Contains("Diagnosis letter from the paediatrician, 18 Nov 2026", personPage, StringComparison.Ordinal);
        Assert.Contains("Child protection plan added", personPage, StringComparison.Ordinal);
    }
}

public sealed class CharacteristicsPageTests_Sqlite(SqliteApp app) : CharacteristicsPageTests(app);

public sealed class CharacteristicsPageTests_Postgres(PostgresApp app) : CharacteristicsPageTests(app);
