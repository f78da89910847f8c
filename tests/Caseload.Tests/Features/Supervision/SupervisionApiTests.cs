using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Cases;
using Caseload.Features.Supervision;
using Caseload.Features.Tasks;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Supervision;

/// <summary>The supervision API: who records, reads and agrees; what is refused; amendments; tasks; management oversight; audit.</summary>
public abstract class SupervisionApiTests(CaseloadApp app)
{
    [Fact]
    public async Task A_supervisor_records_a_session_and_gets_201_awaiting_agreement_with_the_whole_record()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var response = await t.SupervisorApi.PostAsJsonAsync("/api/v1/supervisions", SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName));
        await response.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        var body = await response.JsonAsync();
        var id = body["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/supervisions/{id}", response.Headers.Location!.ToString());
        Assert.Equal("awaiting-agreement", body["status"]!.GetValue<string>());
        Assert.Equal((t.Practitioner.UserName, "2026-11-20", "one-to-one", "2026-12-18"),
            (body["practitioner"]!.GetValue<string>(), body["occurredOn"]!.GetValue<string>(), body["kind"]!.GetValue<string>(), body["nextSessionOn"]!.GetValue<string>()));
        var discussion = Assert.Single(body["caseDiscussions"]!.AsArray())!;
        Assert.Equal((t.CaseId, "Jordan Ellis", SupervisionApi.Decision, SupervisionApi.Rationale),
            (discussion["caseId"]!.GetValue<Guid>(), discussion["personName"]!.GetValue<string>(), discussion["decision"]!.GetValue<string>(), discussion["rationale"]!.GetValue<string>()));
        var action = Assert.Single(discussion["actions"]!.AsArray())!;
        Assert.Equal((t.Practitioner.UserName, "2026-12-04"), (action["owner"]!.GetValue<string>(), action["dueOn"]!.GetValue<string>()));
        Assert.NotEqual(Guid.Empty, action["taskId"]!.GetValue<Guid>());
        Assert.Equal((3, SupervisionApi.WellbeingWords), (body["wellbeing"]!["rating"]!.GetValue<int>(), body["wellbeing"]!["notes"]!.GetValue<string>()));
        Assert.Equal((SupervisionApi.WorkloadWords, SupervisionApi.LearningWords), (body["workload"]!.GetValue<string>(), body["learning"]!.GetValue<string>()));
        Assert.Single(body["versions"]!.AsArray());
        Assert.Empty(body["responses"]!.AsArray());

        // The supervisee reads the same record, and finds it in their list.
        var read = await t.PractitionerApi.GetAsync(new Uri($"/api/v1/supervisions/{id}", UriKind.Relative));
        await read.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
        Assert.Equal(SupervisionApi.Decision, (await read.JsonAsync())["caseDiscussions"]![0]!["decision"]!.GetValue<string>());
        var list = await (await t.PractitionerApi.GetAsync(new Uri("/api/v1/supervisions", UriKind.Relative))).JsonAsync();
        Assert.Equal(t.Practitioner.UserName, list["practitioner"]!.GetValue<string>());
        var item = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal((id, "awaiting-agreement", "one-to-one"), (item["id"]!.GetValue<Guid>(), item["status"]!.GetValue<string>(), item["kind"]!.GetValue<string>()));
        var bySupervisor = await (await t.SupervisorApi.GetAsync(new Uri($"/api/v1/supervisions?practitioner={t.Practitioner.UserName}", UriKind.Relative))).JsonAsync();
        Assert.Equal(id, bySupervisor["items"]![0]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Each_action_becomes_a_task_for_its_owner_on_the_case()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var session = SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName);
        session["caseDiscussions"]![0]!["actions"]!.AsArray().Add(new JsonObject { ["action"] = "Book a review meeting", ["owner"] = t.Supervisor.UserName, ["dueOn"] = "2026-12-11" });
        var body = await t.SupervisorApi.RecordAsync(session);

        var mine = (await (await t.PractitionerApi.GetAsync(new Uri("/api/v1/tasks", UriKind.Relative))).JsonAsync()).AsArray();
        var task = Assert.Single(mine)!;
        Assert.Equal(("Ring the school about attendance", t.CaseId, "2026-12-04", "open"),
            (task["action"]!.GetValue<string>(), task["caseId"]!.GetValue<Guid>(), task["dueOn"]!.GetValue<string>(), task["status"]!.GetValue<string>()));
        Assert.Equal(body["caseDiscussions"]![0]!["actions"]![0]!["taskId"]!.GetValue<Guid>(), task["id"]!.GetValue<Guid>());
        var theirs = (await (await t.SupervisorApi.GetAsync(new Uri("/api/v1/tasks", UriKind.Relative))).JsonAsync()).AsArray();
        Assert.Contains(theirs, x => x!["action"]!.GetValue<string>() == "Book a review meeting" && x["caseId"]!.GetValue<Guid>() == t.CaseId);
    }

    [Fact]
    public async Task Outsiders_get_404_for_a_session_and_403_for_a_practitioners_list()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var id = await t.SupervisorApi.RecordIdAsync(SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName));
        var colleague = await app.CreateUserAsync(Roles.Practitioner, t.TeamId);
        var other = await SupervisedTeam.CreateAsync(app);
        var managerElsewhere = await app.CreateUserAsync(Roles.ServiceManager, null, "careers-iag");

        foreach (var outsider in new[] { colleague, other.Supervisor, other.Practitioner, managerElsewhere })
        {
            var api = await app.ClientForAsync(outsider);
            var read = await api.GetAsync(new Uri($"/api/v1/supervisions/{id}", UriKind.Relative));
            await read.ShouldBeAsync(HttpStatusCode.NotFound);
            Assert.Equal("not-found", (await read.JsonAsync())["errorCode"]!.GetValue<string>());
            await (await api.PostAsJsonAsync($"/api/v1/supervisions/{id}/agreement", new { agreed = true })).ShouldBeAsync(HttpStatusCode.NotFound);
            var amend = await api.PostJsonAsync($"/api/v1/supervisions/{id}/amendments",
                SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName).Amendment("Corrected"), "\"1\"");
            await amend.ShouldBeAsync(HttpStatusCode.NotFound);
            await (await api.GetAsync(new Uri($"/api/v1/supervisions?practitioner={t.Practitioner.UserName}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
            Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == outsider.UserName && e.EntityId == id.ToString())),
                $"{outsider.UserName} left an audit event about a session they may not read");
        }

        // A missing session looks the same as one you may not read.
        var missing = await t.PractitionerApi.GetAsync(new Uri($"/api/v1/supervisions/{Guid.NewGuid()}", UriKind.Relative));
        await missing.ShouldBeAsync(HttpStatusCode.NotFound);
        await (await t.PractitionerApi.GetAsync(new Uri("/api/v1/supervisions?practitioner=nobody.at.all", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_supervisor_chain_above_reads_and_records_and_service_managers_of_the_practitioners_service_read()
    {
        var (parent, head) = await app.CreateTeamAsync();
        var t = await SupervisedTeam.CreateAsync(app, parent);
        var headApi = await app.ClientForAsync(head);
        var id = await headApi.RecordIdAsync(SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName, kind: "ad-hoc"));
        await (await t.SupervisorApi.GetAsync(new Uri($"/api/v1/supervisions/{id}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);

        // The head of the parent team also supervises the supervisor of the team below.
        var supervisorsCase = await t.SupervisorApi.CreateCaseIdAsync(t.Supervisor.UserName);
        await headApi.RecordIdAsync(SupervisionApi.Session(t.Supervisor.UserName, supervisorsCase, t.Supervisor.UserName));

        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, "early-help");
        var managerApi = await app.ClientForAsync(manager);
        var read = await managerApi.GetAsync(new Uri($"/api/v1/supervisions/{id}", UriKind.Relative));
        await read.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(SupervisionApi.WellbeingWords, (await read.JsonAsync())["wellbeing"]!["notes"]!.GetValue<string>());
        // Reading is not supervising: a service manager outside the chain records nothing.
        await (await managerApi.PostAsJsonAsync("/api/v1/supervisions", SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName)))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_a_supervisor_in_the_practitioners_chain_records_their_session()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var colleague = await app.CreateUserAsync(Roles.Practitioner, t.TeamId);
        var other = await SupervisedTeam.CreateAsync(app);
        var body = SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName);

        await (await (await app.ClientForAsync(colleague)).PostAsJsonAsync("/api/v1/supervisions", body)).ShouldBeAsync(HttpStatusCode.Forbidden);
        var elsewhere = await other.SupervisorApi.PostAsJsonAsync("/api/v1/supervisions", body);
        await elsewhere.ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", (await elsewhere.JsonAsync())["errorCode"]!.GetValue<string>());
        await (await t.PractitionerApi.PostAsJsonAsync("/api/v1/supervisions", body)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await t.SupervisorApi.PostAsJsonAsync("/api/v1/supervisions", body.With("practitioner", t.Supervisor.UserName))).ShouldBeAsync(HttpStatusCode.Forbidden);

        var unknown = await t.SupervisorApi.PostAsJsonAsync("/api/v1/supervisions", body.With("practitioner", "nobody.at.all"));
        await unknown.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("No active user named nobody.at.all", (await unknown.JsonAsync())["errors"]!["practitioner"]![0]!.GetValue<string>());
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer, t.TeamId));
        await (await dpo.PostAsJsonAsync("/api/v1/supervisions", body)).ShouldBeAsync(HttpStatusCode.Forbidden);

        Assert.False(await app.WithDbAsync(db => db.Set<SupervisionSession>().AnyAsync(s => s.PractitionerId == t.Practitioner.Id || s.PractitionerId == t.Supervisor.Id)));
    }

    [Theory]
    [InlineData("wellbeing", """{"rating":0,"notes":"x"}""", "wellbeing.rating")]
    [InlineData("wellbeing", """{"rating":6}""", "wellbeing.rating")]
    [InlineData("wellbeing", "null", "wellbeing.rating")]
    [InlineData("kind", "\"weekly\"", "kind")]
    [InlineData("kind", "null", "kind")]
    [InlineData("occurredOn", "\"2026-11-24\"", "occurredOn")]
    [InlineData("occurredOn", "\"2024-11-20\"", "occurredOn")]
    [InlineData("occurredOn", "null", "occurredOn")]
    [InlineData("nextSessionOn", "\"2026-11-20\"", "nextSessionOn")]
    [InlineData("nextSessionOn", "\"2028-01-10\"", "nextSessionOn")]
    [InlineData("workload", "null", null)]
    public async Task Bad_input_is_refused_with_422_naming_the_field_and_nothing_is_stored(string field, string json, string? expected)
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var body = SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName).With(field, JsonNode.Parse(json));
        var response = await t.SupervisorApi.PostAsJsonAsync("/api/v1/supervisions", body);
        if (expected is null)
        {
            await response.ShouldBeAsync(HttpStatusCode.Created);
            return;
        }

        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var problem = await response.JsonAsync();
        Assert.Equal("validation-failed", problem["errorCode"]!.GetValue<string>());
        Assert.Equal([expected], problem["errors"]!.AsObject().Select(e => e.Key));
        await NothingStoredAsync(t);
    }

    [Fact]
    public async Task Case_discussions_and_actions_are_checked_field_by_field()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var inactive = await app.CreateUserAsync(Roles.Practitioner, t.TeamId);
        await app.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.Id == inactive.Id);
            u.IsActive = false;
            return await db.SaveChangesAsync();
        });
        var stranger = await app.CreateUserAsync(Roles.Practitioner);
        var body = SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName);
        var discussions = new JsonArray(
            SupervisionApi.Discussion(t.CaseId, "nobody.at.all"),
            new JsonObject { ["caseId"] = t.CaseId.ToString(), ["discussion"] = "Again", ["decision"] = "x", ["rationale"] = "y" });
        var first = discussions[0]!.AsObject();
        first.Remove("decision");
        first["actions"]!.AsArray().Add(new JsonObject { ["action"] = "Visit", ["owner"] = inactive.UserName, ["dueOn"] = "2026-11-19" });
        first["actions"]!.AsArray().Add(new JsonObject { ["action"] = "Visit", ["owner"] = stranger.UserName, ["dueOn"] = "2026-12-01" });
        first["actions"]!.AsArray().Add(new JsonObject { ["action"] = "  ", ["owner"] = t.Practitioner.UserName });

        var response = await t.SupervisorApi.PostAsJsonAsync("/api/v1/supervisions", body.With("caseDiscussions", discussions));
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.JsonAsync())["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value![0]!.GetValue<string>());
        Assert.Equal("Enter the decision in case discussion 1", errors["caseDiscussions[0].decision"]);
        Assert.Equal("No active user named nobody.at.all", errors["caseDiscussions[0].actions[0].owner"]);
        Assert.Equal("No active user named " + inactive.UserName, errors["caseDiscussions[0].actions[1].owner"]);
        Assert.Equal("The due date of action 2 of case discussion 1 must be on or after the day of the session", errors["caseDiscussions[0].actions[1].dueOn"]);
        Assert.Contains("cannot see this case", errors["caseDiscussions[0].actions[2].owner"], StringComparison.Ordinal);
        Assert.Equal("Enter action 4 of case discussion 1: what will be done", errors["caseDiscussions[0].actions[3].action"]);
        Assert.Equal("Enter the date action 4 of case discussion 1 is due by", errors["caseDiscussions[0].actions[3].dueOn"]);
        Assert.Contains("already discussed", errors["caseDiscussions[1].caseId"], StringComparison.Ordinal);
        await NothingStoredAsync(t);
    }

    [Fact]
    public async Task A_case_the_supervisor_may_not_see_is_refused_naming_the_case()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var other = await SupervisedTeam.CreateAsync(app);
        var restricted = await t.PractitionerApi.CreateCaseIdAsync(t.Practitioner.UserName, restricted: true);
        var body = SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName);
        body["caseDiscussions"]!.AsArray().Add(SupervisionApi.Discussion(other.CaseId, t.Practitioner.UserName));
        body["caseDiscussions"]!.AsArray().Add(SupervisionApi.Discussion(restricted, t.Practitioner.UserName));
        body["caseDiscussions"]!.AsArray().Add(SupervisionApi.Discussion(Guid.NewGuid(), t.Practitioner.UserName));

        var response = await t.SupervisorApi.PostAsJsonAsync("/api/v1/supervisions", body);
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["caseDiscussions[1].caseId", "caseDiscussions[2].caseId", "caseDiscussions[3].caseId"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("a case you may not see", errors["caseDiscussions[1].caseId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await NothingStoredAsync(t);
        Assert.False(await app.WithDbAsync(db => db.Set<CaseTask>().AnyAsync(x => x.CaseId == other.CaseId || x.CaseId == restricted)));
    }

    [Fact]
    public async Task Only_the_supervisee_agrees_or_disagrees_once_per_version()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var id = await t.SupervisorApi.RecordIdAsync(SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName));
        var url = $"/api/v1/supervisions/{id}/agreement";

        var bySupervisor = await t.SupervisorApi.PostAsJsonAsync(url, new { agreed = true });
        await bySupervisor.ShouldBeAsync(HttpStatusCode.Forbidden);
        var manager = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "early-help"));
        await (await manager.PostAsJsonAsync(url, new { agreed = true })).ShouldBeAsync(HttpStatusCode.Forbidden);

        var noAnswer = await t.PractitionerApi.PostAsJsonAsync(url, new { comment = "Hmm" });
        await noAnswer.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Select whether you agree with the record", (await noAnswer.JsonAsync())["errors"]!["agreed"]![0]!.GetValue<string>());
        var noComment = await t.PractitionerApi.PostAsJsonAsync(url, new { agreed = false });
        await noComment.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Enter what you disagree with", (await noComment.JsonAsync())["errors"]!["comment"]![0]!.GetValue<string>());
        await (await t.PractitionerApi.PostJsonAsync(url, new { agreed = true }, "\"7\"")).ShouldBeAsync(HttpStatusCode.PreconditionFailed);

        var disagreed = await t.PractitionerApi.PostJsonAsync(url, new { agreed = false, comment = "The workload part leaves out the court report" }, "\"1\"");
        await disagreed.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", disagreed.Headers.ETag!.Tag);
        var body = await disagreed.JsonAsync();
        Assert.Equal("disagreed", body["status"]!.GetValue<string>());
        var response = Assert.Single(body["responses"]!.AsArray())!;
        Assert.Equal((1, false, "The workload part leaves out the court report"),
            (response["version"]!.GetValue<int>(), response["agreed"]!.GetValue<bool>(), response["comment"]!.GetValue<string>()));

        var again = await t.PractitionerApi.PostAsJsonAsync(url, new { agreed = true });
        await again.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("You have already recorded your disagreement with this record", (await again.JsonAsync())["errors"]!["status"]![0]!.GetValue<string>());
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SupervisionDisagreed && e.EntityId == id.ToString() && e.UserName == t.Practitioner.UserName)));
    }

    [Fact]
    public async Task An_amendment_after_agreement_is_a_new_version_that_keeps_the_original_and_asks_for_agreement_again()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var session = SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName);
        var id = await t.SupervisorApi.RecordIdAsync(session);
        await (await t.PractitionerApi.PostAsJsonAsync($"/api/v1/supervisions/{id}/agreement", new { agreed = true })).ShouldBeAsync(HttpStatusCode.OK);
        var url = $"/api/v1/supervisions/{id}/amendments";

        var amended = session.Amendment("The decision was recorded before the strategy discussion");
        amended["caseDiscussions"]![0]!["decision"] = "Step up to children's social care";
        amended["caseDiscussions"]![0]!["actions"]!.AsArray().Add(new JsonObject { ["action"] = "Make the referral", ["owner"] = t.Supervisor.UserName, ["dueOn"] = "2026-11-24" });

        await (await t.SupervisorApi.PostJsonAsync(url, amended, ifMatch: null)).ShouldBeAsync(HttpStatusCode.PreconditionRequired);
        await (await t.SupervisorApi.PostJsonAsync(url, amended, "\"1\"")).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var noReason = await t.SupervisorApi.PostJsonAsync(url, amended.With("reason", null), "\"2\"");
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Enter why you are amending the record", (await noReason.JsonAsync())["errors"]!["reason"]![0]!.GetValue<string>());
        await (await t.PractitionerApi.PostJsonAsync(url, amended, "\"2\"")).ShouldBeAsync(HttpStatusCode.Forbidden);

        var response = await t.SupervisorApi.PostJsonAsync(url, amended, "\"2\"");
        await response.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("\"3\"", response.Headers.ETag!.Tag);
        var body = await response.JsonAsync();
        Assert.Equal(("awaiting-agreement", 2), (body["status"]!.GetValue<string>(), body["currentVersion"]!.GetValue<int>()));
        Assert.Equal("Step up to children's social care", body["caseDiscussions"]![0]!["decision"]!.GetValue<string>());
        var versions = body["versions"]!.AsArray();
        Assert.Equal(2, versions.Count);
        Assert.True(versions[0]!["superseded"]!.GetValue<bool>());
        Assert.Equal(SupervisionApi.Decision, versions[0]!["caseDiscussions"]![0]!["decision"]!.GetValue<string>());
        Assert.Equal("The decision was recorded before the strategy discussion", versions[1]!["amendmentReason"]!.GetValue<string>());
        var agreement = Assert.Single(body["responses"]!.AsArray())!;
        Assert.Equal((1, true), (agreement["version"]!.GetValue<int>(), agreement["agreed"]!.GetValue<bool>()));

        // The action restated unchanged keeps its task; the new one made one more.
        var actions = body["caseDiscussions"]![0]!["actions"]!.AsArray();
        Assert.Equal(versions[0]!["caseDiscussions"]![0]!["actions"]![0]!["taskId"]!.GetValue<Guid>(), actions[0]!["taskId"]!.GetValue<Guid>());
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<CaseTask>().CountAsync(x => x.CaseId == t.CaseId)));

        // The supervisee is asked again, and may agree with the amended version.
        var agreed = await t.PractitionerApi.PostAsJsonAsync($"/api/v1/supervisions/{id}/agreement", new { agreed = true });
        await agreed.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("agreed", (await agreed.JsonAsync())["status"]!.GetValue<string>());

        // The case shows the decision in force, and the earlier one stays readable.
        using var browser = await PageClient.SignInAsync(app, t.Practitioner);
        var casePage = await browser.GetStringAsync(new Uri($"/Cases/{t.CaseId}", UriKind.Relative));
        Assert.Contains("Step up to children&#x27;s social care", casePage, StringComparison.Ordinal);
        Assert.Contains(SupervisionApi.Decision, casePage, StringComparison.Ordinal);
        Assert.Contains("The decision was recorded before the strategy discussion", casePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_page_shows_each_decision_as_management_oversight_but_never_the_wellbeing_workload_or_learning()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        await t.SupervisorApi.RecordIdAsync(SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName));
        var coWorker = await app.CreateUserAsync(Roles.Practitioner, t.TeamId);
        await app.WithDbAsync(async db =>
        {
            db.CaseCoWorkers.Add(new CaseCoWorker { CaseId = t.CaseId, UserId = coWorker.Id });
            return await db.SaveChangesAsync();
        });

        foreach (var reader in new[] { t.Practitioner, t.Supervisor, coWorker })
        {
            using var browser = await PageClient.SignInAsync(app, reader);
            var page = await browser.GetStringAsync(new Uri($"/Cases/{t.CaseId}", UriKind.Relative));
            Assert.Contains("Management oversight", page, StringComparison.Ordinal);
            Assert.Contains(SupervisionApi.Decision, page, StringComparison.Ordinal);
            Assert.Contains(SupervisionApi.Rationale, page, StringComparison.Ordinal);
            Assert.Contains("Ring the school about attendance", page, StringComparison.Ordinal);
            Assert.DoesNotContain(SupervisionApi.WellbeingWords, page, StringComparison.Ordinal);
            Assert.DoesNotContain(SupervisionApi.WorkloadWords, page, StringComparison.Ordinal);
            Assert.DoesNotContain(SupervisionApi.LearningWords, page, StringComparison.Ordinal);
        }

        // The co-worker sees the decision on the case but may not read the session it came from.
        var session = await app.WithDbAsync(db => db.Set<SupervisionSession>().Where(s => s.PractitionerId == t.Practitioner.Id).Select(s => s.Id).SingleAsync());
        await (await (await app.ClientForAsync(coWorker)).GetAsync(new Uri($"/api/v1/supervisions/{session}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_discussion_of_a_case_the_reader_may_not_see_is_withheld_from_them()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var colleague = await app.CreateUserAsync(Roles.Practitioner, t.TeamId);
        var colleaguesCase = await (await app.ClientForAsync(colleague)).CreateCaseIdAsync(colleague.UserName);
        var session = SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName, kind: "group");
        session["caseDiscussions"]!.AsArray().Add(SupervisionApi.Discussion(colleaguesCase, colleague.UserName, decision: "Colleague's case: hold a network meeting"));
        var id = await t.SupervisorApi.RecordIdAsync(session);

        var read = await (await t.PractitionerApi.GetAsync(new Uri($"/api/v1/supervisions/{id}", UriKind.Relative))).JsonAsync();
        Assert.Equal(t.CaseId, Assert.Single(read["caseDiscussions"]!.AsArray())!["caseId"]!.GetValue<Guid>());
        Assert.Equal(1, read["withheldCaseDiscussions"]!.GetValue<int>());
        Assert.DoesNotContain("network meeting", read.ToJsonString(), StringComparison.Ordinal);
        using var browser = await PageClient.SignInAsync(app, t.Practitioner);
        var page = await browser.GetStringAsync(new Uri($"/Supervision/{id}", UriKind.Relative));
        Assert.DoesNotContain("network meeting", page, StringComparison.Ordinal);
        Assert.Contains("1 case discussion is about a case you may not see", page, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == t.Practitioner.UserName && e.CaseId == colleaguesCase)));
    }

    [Fact]
    public async Task Reads_and_writes_are_audited_and_each_case_discussion_against_its_case()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var id = await t.SupervisorApi.RecordIdAsync(SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName));
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == t.Supervisor.UserName && (e.EntityId == id.ToString() || e.CaseId == t.CaseId))
            .Select(e => new { e.Action, e.CaseId, e.PersonId }).ToListAsync());
        Assert.Contains(events, e => e.Action == AuditActions.SupervisionRecorded && e.CaseId == null);
        Assert.Contains(events, e => e.Action == AuditActions.SupervisionDiscussionRecorded && e.CaseId == t.CaseId && e.PersonId == t.PersonId);
        Assert.Contains(events, e => e.Action == AuditActions.TaskCreated && e.CaseId == t.CaseId);

        await (await t.PractitionerApi.GetAsync(new Uri($"/api/v1/supervisions/{id}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        await (await t.PractitionerApi.GetAsync(new Uri("/api/v1/supervisions", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        var reads = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == t.Practitioner.UserName && e.Action.StartsWith("supervision"))
            .Select(e => new { e.Action, e.CaseId, e.EntityId }).ToListAsync());
        Assert.Contains(reads, e => e.Action == AuditActions.SupervisionViewed && e.EntityId == id.ToString());
        Assert.Contains(reads, e => e.Action == AuditActions.SupervisionDiscussionViewed && e.CaseId == t.CaseId);
        Assert.Contains(reads, e => e.Action == AuditActions.SupervisionListed && e.EntityId == t.Practitioner.Id);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_a_saved_version_discussion_action_or_response()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var id = await t.SupervisorApi.RecordIdAsync(SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName));
        await (await t.PractitionerApi.PostAsJsonAsync($"/api/v1/supervisions/{id}/agreement", new { agreed = true })).ShouldBeAsync(HttpStatusCode.OK);
        var key = id.ToString().ToUpperInvariant();
        string[] statements =
        [
            $"""UPDATE "SupervisionSessionVersions" SET "WellbeingNotes" = 'rewritten' WHERE "SessionId" = '{key}'""",
            $"""DELETE FROM "SupervisionSessionVersions" WHERE "SessionId" = '{key}'""",
            $"""UPDATE "SupervisionCaseDiscussions" SET "Decision" = 'rewritten' WHERE "SessionId" = '{key}'""",
            $"""DELETE FROM "SupervisionCaseDiscussions" WHERE "SessionId" = '{key}'""",
            $"""UPDATE "SupervisionActions" SET "Action" = 'rewritten' WHERE "DiscussionId" IN (SELECT "Id" FROM "SupervisionCaseDiscussions" WHERE "SessionId" = '{key}')""",
            $"""UPDATE "SupervisionResponses" SET "Agreed" = {(app.Provider == Caseload.Data.DatabaseProvider.Postgres ? "FALSE" : "0")} WHERE "SessionId" = '{key}'""",
            $"""DELETE FROM "SupervisionResponses" WHERE "SessionId" = '{key}'""",
        ];
        foreach (var sql in statements)
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(SupervisionApi.Decision, await app.WithDbAsync(db => db.Set<SupervisionCaseDiscussion>().Where(d => d.SessionId == id).Select(d => d.Decision).SingleAsync()));
    }

    private async Task NothingStoredAsync(SupervisedTeam t)
    {
        Assert.False(await app.WithDbAsync(db => db.Set<SupervisionSession>().AnyAsync(s => s.PractitionerId == t.Practitioner.Id)));
        Assert.False(await app.WithDbAsync(db => db.Set<CaseTask>().AnyAsync(x => x.CaseId == t.CaseId)));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == t.Supervisor.UserName
            && (e.Action == AuditActions.SupervisionRecorded || e.Action == AuditActions.SupervisionDiscussionRecorded || e.Action == AuditActions.TaskCreated))));
    }
}

public sealed class SupervisionApiTests_Sqlite(SqliteApp app) : SupervisionApiTests(app);

public sealed class SupervisionApiTests_Postgres(PostgresApp app) : SupervisionApiTests(app);
