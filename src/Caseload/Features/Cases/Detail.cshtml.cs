using Caseload.Features.Deadlines;
using Caseload.Platform.Time;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Cases;

[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class DetailModel(CaseScope scope, CaseService cases, CurrentUserAccessor users, TimeProvider clock, DeadlineService deadlines,
    Closure.ClosurePolicy closure, Closure.ClosureService closureRequests, Closure.ClosureOutcomes outcomes,
    DataProtection.BreakGlass.BreakGlassService breakGlass) : PageModel
{
    public Case Case { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool CanAllocate { get; private set; }
    /// <summary>Closing this case needs a supervisor's approval for this user: they see "Request closure" instead of the direct close.</summary>
    public bool MustRequestClosure { get; private set; }
    /// <summary>A closure request waits for a decision: the case page shows it in place of the request button.</summary>
    public bool ClosurePending { get; private set; }
    public int Age { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<DeadlineView> Deadlines { get; private set; } = [];
    /// <summary>A closed case's goals (of the plan in force when it closed) with their outcome.</summary>
    public IReadOnlyList<(string Goal, string Outcome)> GoalOutcomes { get; private set; } = [];
    /// <summary>Who opened this case by emergency access (break-glass), and why: its practitioner and their supervisor see it here.</summary>
    public IReadOnlyList<DataProtection.BreakGlass.BreakGlassGrant> EmergencyUses { get; private set; } = [];
    /// <summary>The reader's own grant, when they see this case only by emergency access.</summary>
    public DataProtection.BreakGlass.BreakGlassGrant? MyEmergencyAccess { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var found = await cases.ReadAsync(scope.Case, ct);
        Case = found;
        CanEdit = CasePermissions.CanEdit(user, found);
        CanAllocate = CasePermissions.CanAllocate(user, found);
        MustRequestClosure = closure.MustRequest(user, found);
        ClosurePending = MustRequestClosure && (await closureRequests.ForCaseAsync(found.Id, ct)).Any(r => r.Status == Closure.ClosureRequestStatus.Pending);
        Deadlines = await deadlines.ViewsForAsync(scope.Case, ct);
        var recorded = Closure.GoalOutcomeCodes.OfLastClosing(found.GoalOutcomes);
        if (recorded.Count > 0)
        {
            var goals = (await outcomes.GoalsAsync(found.Id, ct)).ToDictionary(g => g.Id);
            GoalOutcomes = recorded.Select(o => (goals.TryGetValue(o.GoalId, out var g) ? $"Goal {g.Number + 1}: {g.Description}" : "A goal", Closure.GoalOutcomeCodes.Title(o.Outcome))).ToList();
        }
        var uses = await breakGlass.ForCaseAsync(found.Id, ct);
        var now = clock.GetUtcNow();
        MyEmergencyAccess = user.UsesBreakGlassOn(found.Id) ? uses.FirstOrDefault(g => g.UserId == user.Id && g.ExpiresAt > now) : null;
        EmergencyUses = uses.Where(g => g.UserId != user.Id).ToList();
        Today = UkTime.Today(clock);
        Age = People.PersonRules.AgeOn(found.Person.DateOfBirth, Today);
        return Page();
    }
}
