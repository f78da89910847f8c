using System.Net;
using Caseload.Features.Drift;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static Caseload.Tests.Features.Drift.DriftArrange;

namespace Caseload.Tests.Features.Drift;

/// <summary>GET /api/v1/drift end to end on each database: its shape and order, whose cases it shows, and that it is audited.</summary>
public abstract class DriftApiTests(CaseloadApp app)
{
    private sealed record Team(int Id, TestUser Supervisor, HttpClient SupervisorClient, TestUser Practitioner, HttpClient Client);

    private async Task<Team> TeamAsync()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        return new Team(team, supervisor, await app.ClientForAsync(supervisor), practitioner, await app.ClientForAsync(practitioner));
    }

    [Fact]
    public async Task A_practitioner_sees_their_drifting_cases_most_severe_first_each_signal_explained_and_no_case_without_one()
    {
        var t = await TeamAsync();
        var steady = await CaseAsync(t.Client, t.Practitioner.UserName, "Steady");
        var review = await CaseAsync(t.Client, t.Practitioner.UserName, "Review");
        await ReviewDueAsync(app, review, Today.AddDays(-3));
        var unseen = await CaseAsync(t.Client, t.Practitioner.UserName, "Unseen");
        await OpenedAgoAsync(app, unseen, 25);

        var response = await t.Client.GetAsync(new Uri("/api/v1/drift", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        Assert.Equal(["items"], body.AsObject().Select(p => p.Key));
        var items = body["items"]!.AsArray();
        Assert.Equal([unseen, review], items.Select(i => i!["caseId"]!.GetValue<Guid>()));
        Assert.Null(Item(items, steady));

        var first = items[0]!;
        Assert.Equal(["caseId", "person", "practitioner", "severity", "signals"], first.AsObject().Select(p => p.Key));
        Assert.Equal("Unseen Drift", first["person"]!.GetValue<string>());
        Assert.StartsWith("Test Practitioner", first["practitioner"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("high", first["severity"]!.GetValue<string>());
        Assert.Equal([DriftCodes.NoContact, DriftCodes.NoRecording], Codes(first));
        var noContact = Signal(first, DriftCodes.NoContact);
        Assert.Equal(["code", "detail", "since"], noContact.AsObject().Select(p => p.Key));
        Assert.Contains("No contact recorded in the 25 working days since the case opened", noContact["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Calendar.AddWorkingDays(WorkingDaysAgo(25), 20), DateOnly.Parse(noContact["since"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        var second = items[1]!;
        Assert.Equal("medium", second["severity"]!.GetValue<string>());
        Assert.Equal([DriftCodes.ReviewOverdue], Codes(second));
        Assert.Equal("2026-11-21", Signal(second, DriftCodes.ReviewOverdue)["since"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_contact_note_ends_no_contact_at_once()
    {
        var t = await TeamAsync();
        var caseId = await CaseAsync(t.Client, t.Practitioner.UserName, "Visited");
        await OpenedAgoAsync(app, caseId, 30);
        Assert.Contains(DriftCodes.NoContact, Codes(Item(await DriftAsync(t.Client), caseId)!));
        await t.Client.CreateNoteAsync(caseId);
        Assert.Null(Item(await DriftAsync(t.Client), caseId));
    }

    [Fact]
    public async Task Every_case_shown_is_audited_as_a_drift_list_view()
    {
        var t = await TeamAsync();
        var caseId = await CaseAsync(t.Client, t.Practitioner.UserName, "Audited");
        await ReviewDueAsync(app, caseId, Today.AddDays(-10));
        Assert.NotNull(Item(await DriftAsync(t.Client), caseId));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == t.Practitioner.Id && e.Action == "drift.viewed" && db.AuditEventCases.Any(x => x.AuditEventId == e.Id && x.CaseId == caseId))));
        Assert.NotNull(Item(await DriftAsync(t.SupervisorClient, "?team=true"), caseId));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == t.Supervisor.Id && e.Action == "drift.viewed" && db.AuditEventCases.Any(x => x.AuditEventId == e.Id && x.CaseId == caseId))));
    }

    [Fact]
    public async Task A_supervisor_sees_a_supervisees_drift_and_the_teams_but_not_a_restricted_case_they_are_not_named_on()
    {
        var t = await TeamAsync();
        var colleague = await app.CreateUserAsync(Roles.Practitioner, t.Id);
        var colleagueClient = await app.ClientForAsync(colleague);
        var open = await CaseAsync(t.Client, t.Practitioner.UserName, "Open");
        var restricted = await CaseAsync(t.Client, t.Practitioner.UserName, "Restricted", restricted: true, restrictedTo: [t.Practitioner.UserName]);
        var theirs = await CaseAsync(colleagueClient, colleague.UserName, "Colleague");
        foreach (var c in new[] { open, restricted, theirs }) await ReviewDueAsync(app, c, Today.AddDays(-5));

        var own = await DriftAsync(t.Client);
        Assert.NotNull(Item(own, open));
        Assert.NotNull(Item(own, restricted));
        Assert.Null(Item(own, theirs));

        var supervisee = await DriftAsync(t.SupervisorClient, $"?userName={t.Practitioner.UserName}");
        Assert.NotNull(Item(supervisee, open));
        Assert.Null(Item(supervisee, restricted));
        var team = await DriftAsync(t.SupervisorClient, "?team=true");
        Assert.NotNull(Item(team, open));
        Assert.NotNull(Item(team, theirs));
        Assert.Null(Item(team, restricted));
        Assert.EndsWith(colleague.UserName[^4..], Item(team, theirs)!["practitioner"]!.GetValue<string>(), StringComparison.Ordinal);

        // A colleague in the same team is not a supervisor: neither the practitioner's list nor the team's.
        var asColleague = await colleagueClient.GetAsync(new Uri($"/api/v1/drift?userName={t.Practitioner.UserName}", UriKind.Relative));
        await asColleague.ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(restricted.ToString(), await asColleague.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await (await colleagueClient.GetAsync(new Uri("/api/v1/drift?team=true", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);

        // A supervisor of another team may not ask for this practitioner's.
        var (_, otherSupervisor) = await app.CreateTeamAsync();
        var other = await app.ClientForAsync(otherSupervisor);
        await (await other.GetAsync(new Uri($"/api/v1/drift?userName={t.Practitioner.UserName}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.Null(Item(await DriftAsync(other, "?team=true"), open));
    }

    [Fact]
    public async Task A_service_manager_sees_the_drift_of_their_services_only()
    {
        var t = await TeamAsync();
        var caseId = await CaseAsync(t.Client, t.Practitioner.UserName, "Managed");
        await ReviewDueAsync(app, caseId, Today.AddDays(-5));
        var earlyHelp = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "early-help"));
        var send = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "send"));
        Assert.NotNull(Item(await DriftAsync(earlyHelp, "?team=true"), caseId));
        Assert.Null(Item(await DriftAsync(send, "?team=true"), caseId));
    }

    [Fact]
    public async Task A_case_held_by_a_leaver_and_a_referral_waiting_show_on_the_teams_list()
    {
        var t = await TeamAsync();
        var leaver = await app.CreateUserAsync(Roles.Practitioner, t.Id);
        var held = await CaseAsync(t.SupervisorClient, leaver.UserName, "Held");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == leaver.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        var waiting = await CaseAsync(t.SupervisorClient, null, "Waiting", risk: "green");
        await ReferredAgoAsync(app, waiting, 6); // early help: first contact within 5 working days of the referral

        var team = await DriftAsync(t.SupervisorClient, "?team=true");
        var leaverItem = Item(team, held)!;
        Assert.Equal([DriftCodes.AllocatedToInactiveUser], Codes(leaverItem));
        Assert.Equal("2026-11-23", Signal(leaverItem, DriftCodes.AllocatedToInactiveUser)["since"]!.GetValue<string>());
        var referral = Item(team, waiting)!;
        Assert.Null(referral["practitioner"]);
        Assert.Equal([DriftCodes.ReferralWaiting], Codes(referral));
        Assert.Contains("first contact with an early help referral within 5 working days", Signal(referral, DriftCodes.ReferralWaiting)["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_queries_are_refused_naming_the_field()
    {
        var t = await TeamAsync();
        var badTeam = await t.SupervisorClient.GetAsync(new Uri("/api/v1/drift?team=yes", UriKind.Relative));
        await badTeam.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await badTeam.JsonAsync())["errors"]!["team"]);
        var unknown = await t.SupervisorClient.GetAsync(new Uri("/api/v1/drift?userName=nobody.at.all", UriKind.Relative));
        await unknown.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await unknown.JsonAsync())["errors"]!["userName"]);
        var both = await t.SupervisorClient.GetAsync(new Uri($"/api/v1/drift?team=true&userName={t.Practitioner.UserName}", UriKind.Relative));
        await both.ShouldBeAsync(HttpStatusCode.BadRequest);
    }
}

public sealed class DriftApiTests_Sqlite(SqliteApp app) : DriftApiTests(app);

public sealed class DriftApiTests_Postgres(PostgresApp app) : DriftApiTests(app);
