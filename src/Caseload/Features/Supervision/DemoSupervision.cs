using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Supervision.Reflections;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Supervision;

/// <summary>
/// The demo authority's supervision, written through the services a supervisor and practitioner use (so its tasks, management
/// oversight and audit are as the app makes them): Sue's sessions with Pat, one agreed and one awaiting Pat's agreement, each
/// with a case decision; one with Sam, who disagreed with part of it; Pat's reflections, one shared with Sue (who commented)
/// and one private.
/// </summary>
public sealed class DemoSupervision(CaseloadDb db, SupervisionService supervision, ReflectionService reflections, TimeProvider clock)
{
    public async Task LoadAsync(CancellationToken ct = default)
    {
        var sue = await UserAsync("sue.supervisor", ct);
        var pat = await UserAsync("pat.practitioner", ct);
        var sam = await UserAsync("sam.practitioner", ct);
        if (sue is null || pat is null || sam is null) return;
        var today = UkTime.Today(clock);

        // Pat's open cases Sue may see, red first: the sessions discuss the two most pressing.
        var patCases = await OpenCasesAsync(sue, pat.Id, ct);
        var samCases = await OpenCasesAsync(sue, sam.Id, ct);
        if (patCases.Count < 2 || samCases.Count < 1) return;

        var agreed = Checked(await supervision.RecordAsync(sue, pat.UserName, new SessionContent(
            today.AddDays(-40), "one-to-one",
            [
                new CaseDiscussionInput(patCases[0].Id,
                    $"{patCases[0].Name}'s school attendance has fallen to 71% this half term and mum missed the last core group meeting.",
                    "Stay at the current level of support; ask the school for a joint meeting with mum.",
                    "Mum has engaged before when the school was involved, and no new safeguarding concern has been reported.",
                    [new SupervisionActionInput($"Arrange a joint meeting with the school and {patCases[0].Name}'s mum", pat.UserName, today.AddDays(5))]),
            ],
            new WellbeingInput(4, "Pat said the caseload feels manageable; one court report is weighing on them."),
            "17 open cases. Agreed no new allocations until the court report is filed.",
            "Pat wants to go on the Graded Care Profile 2 training.",
            today.AddDays(-12)), ct), "the agreed session");
        Checked(await supervision.RespondAsync(pat, agreed.Id, agreed.Version, true, "Agreed: an accurate record of what we discussed.", ct), "Pat's agreement");

        Checked(await supervision.RecordAsync(sue, pat.UserName, new SessionContent(
            today.AddDays(-6), "one-to-one",
            [
                new CaseDiscussionInput(patCases[1].Id,
                    $"The family of {patCases[1].Name} have moved to temporary accommodation across the county boundary.",
                    "Keep the case open while the transfer to the other authority is arranged.",
                    "A transfer meeting has not happened yet, and the family asked to keep the same worker until it does.",
                    [new SupervisionActionInput("Phone the other authority's duty team to book a transfer meeting", pat.UserName, today.AddDays(3))]),
                new CaseDiscussionInput(patCases[0].Id,
                    "The joint meeting with the school took place; mum attended and agreed an attendance plan.",
                    "Continue; review the attendance plan at the next session.",
                    "Attendance has risen for two weeks since the plan was agreed.",
                    []),
            ],
            new WellbeingInput(3, "Pat had two late finishes this week after a home visit ran on."),
            "Court report filed. Capacity for one new allocation next week.",
            "Booked on the Graded Care Profile 2 course next month.",
            today.AddDays(14)), ct), "the session awaiting agreement");

        var disputed = Checked(await supervision.RecordAsync(sue, sam.UserName, new SessionContent(
            today.AddDays(-20), "one-to-one",
            [
                new CaseDiscussionInput(samCases[0].Id,
                    $"{samCases[0].Name} has missed three appointments with the school nurse.",
                    "Make a referral to the school nursing team for a home visit.",
                    "Three missed appointments in a row and no explanation from the family.",
                    [new SupervisionActionInput("Send the referral to the school nursing team", sam.UserName, today.AddDays(7))]),
            ],
            new WellbeingInput(2, "Sam said the last month has been hard with two colleagues off sick."),
            "19 open cases, above Sam's agreed capacity of 16.",
            "Sam would like shadowing on strategy discussions.",
            today.AddDays(1)), ct), "Sam's session");
        Checked(await supervision.RespondAsync(sam, disputed.Id, disputed.Version, false,
            "The record says the workload was agreed as manageable; I said I could not take more cases until two are closed.", ct), "Sam's disagreement");

        var shared = Checked(await reflections.CreateAsync(pat, "gibbs", patCases[0].Id, new Dictionary<string, string?>
        {
            ["description"] = $"The core group meeting for {patCases[0].Name} went ahead without mum, who did not answer her phone that morning.",
            ["feelings"] = "I felt frustrated and worried that the plan was being made without the family.",
            ["evaluation"] = "The school and the health visitor gave clear updates; the family's voice was missing.",
            ["analysis"] = "Mum had told me mornings are difficult because of her shifts, and I had not passed that on when the meeting was set.",
            ["conclusion"] = "I should check the family's availability before a meeting date is fixed, not after.",
            ["actionPlan"] = "Ask mum which times suit her and offer the school an afternoon meeting next time.",
        }, shared: true, ct), "the shared reflection");
        Checked(await reflections.CommentAsync(sue, shared.Id, "A good piece of learning. Let's talk at our next session about how we set meeting times with families.", ct), "Sue's comment");

        Checked(await reflections.CreateAsync(pat, "kolb", null, new Dictionary<string, string?>
        {
            ["experience"] = "My first time presenting a report at an initial child protection conference.",
            ["reflection"] = "I read from my report rather than speaking to the family, and the chair asked me to summarise.",
            ["conceptualisation"] = "Families follow a short spoken summary better than the written report read aloud.",
            ["experimentation"] = "Next time I will prepare three key points to say in plain words before the conference.",
        }, shared: false, ct), "the private reflection");
    }

    private async Task<CurrentUser?> UserAsync(string userName, CancellationToken ct)
    {
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleOrDefaultAsync(ct);
        return id is null ? null : await CurrentUserAccessor.LoadAsync(db, id, ct);
    }

    private async Task<List<(Guid Id, string Name)>> OpenCasesAsync(CurrentUser viewer, string practitionerId, CancellationToken ct) =>
        (await db.VisibleCases(viewer).Where(c => c.AllocatedToId == practitionerId && c.Status == CaseStatus.Open && !c.Restricted)
            .OrderByDescending(c => c.Risk).ThenBy(c => c.Id).Select(c => new { c.Id, c.Person.GivenName }).Take(2).ToListAsync(ct))
        .Select(c => (c.Id, c.GivenName)).ToList();

    private static T Checked<T>(Outcome<T> outcome, string what) =>
        outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException($"Demo data: {what} was refused: {outcome.Kind} {outcome.Message} {string.Join("; ", outcome.Errors.Select(e => $"{e.Key}: {e.Value}"))}");
}
