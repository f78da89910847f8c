using Caseload.Features.Cases;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Closure;

/// <summary>
/// The closure section of the case page: the request waiting for a decision (who asked, when, the reason and the closing
/// summary) with the decision form for a supervisor of the case who did not ask, or the last returned request with its comment.
/// </summary>
public sealed record ClosureView(Guid CaseId, ClosureRequest? Pending, ClosureRequest? Returned, bool MayDecide, IReadOnlyDictionary<string, string> Names,
    IReadOnlyList<(string Goal, string Outcome)> ProposedOutcomes)
{
    public string NameOf(string? userName) => userName is null ? "" : Names.GetValueOrDefault(userName, userName);
}

/// <summary>The closure requests of the case its case scope found, for the case page.</summary>
public sealed class ClosureViewComponent(ClosureService closure, CaseScope scope, CurrentUserAccessor users) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Case @case)
    {
        var ct = HttpContext.RequestAborted;
        var view = await closure.ViewAsync(await users.GetAsync(ct), scope.Case, @case, ct);
        return View("/Features/Closure/_Closure.cshtml", view);
    }
}

/// <summary>A practitioner asks a supervisor to approve closing the case, with the reason and a closing summary.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class RequestModel(CaseScope scope, CaseService cases, ClosureService closure, ClosurePolicy policy, CurrentUserAccessor users, ClosureOutcomes outcomes) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The code of the reason, from the service's list.</summary>
    [BindProperty] public string? Reason { get; set; }
    public Dictionary<Guid, string> GoalOutcome { get; private set; } = [];
    public ClosureForm Form { get; private set; } = null!;
    [BindProperty] public string? Details { get; set; }
    [BindProperty] public string? Summary { get; set; }
    public string PersonName { get; private set; } = "";
    public ClosureRequest? Pending { get; private set; }
    /// <summary>The case's service needs no approval: the page says so and points to the direct close.</summary>
    public bool NotNeeded { get; private set; }
    public string ServiceCode { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        GoalOutcome = ClosureForm.Indexed(Request.Form, nameof(GoalOutcome));
        if (await LoadAsync(ct) is { } elsewhere) return elsewhere;
        if (NotNeeded) return Page();
        ViewData["ErrorOrder"] = new[] { nameof(Reason) }.Concat(Form.Goals.Select(ClosureForm.FieldOf)).Append(nameof(Details)).Append(nameof(Summary)).ToArray();
        var input = Form.Read(Details, ModelState);
        if (string.IsNullOrWhiteSpace(Summary)) ModelState.AddModelError(nameof(Summary), "Enter the closing summary");
        if (!ModelState.IsValid) return Page();

        var outcome = await closure.RequestAsync(await users.GetAsync(ct), Id, new ClosureRequestInput(Details, Summary, input), ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = "Closure requested: a supervisor of the case will approve it or return it to you";
                return Redirect($"/Cases/{Id}#closure");
            },
            rename: Form.Renames) ?? Page();
    }

    /// <summary>Null to show the page; otherwise where to go instead (403 for those who may not change the case; the case once closed).</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var @case = await cases.ReadAsync(scope.Case, ct);
        if (!CasePermissions.CanEdit(user, @case)) return Forbid();
        if (@case.Status == CaseStatus.Closed) return Redirect($"/Cases/{Id}");
        PersonName = @case.Person.FullName;
        ServiceCode = @case.Service;
        NotNeeded = !policy.RequiresApproval(@case.Service);
        Pending = (await closure.ForCaseAsync(Id, ct)).FirstOrDefault(r => r.Status == ClosureRequestStatus.Pending);
        Form = new ClosureForm(outcomes.ReasonsFor(@case.Service), Reason, await outcomes.GoalsAsync(@case.Id, ct), GoalOutcome);
        return null;
    }
}

/// <summary>A supervisor of the case (not the requester) approves the waiting closure request, closing the case, or returns it with a comment.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class DecisionModel(CaseScope scope, CaseService cases, ClosureService closure, CurrentUserAccessor users) : PageModel
{
    public const string Approve = "approve";
    public const string Return = "return";

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Comment { get; set; }
    public ClosureView View { get; private set; } = null!;
    public string PersonName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        ViewData["ErrorOrder"] = new[] { nameof(Decision), nameof(Comment) };
        if (View.Pending is null)
        {
            ModelState.AddModelError(string.Empty, "There is no closure request waiting for a decision on this case");
            return Page();
        }

        if (Decision is not (Approve or Return)) ModelState.AddModelError(nameof(Decision), "Select whether you approve the closure or return it");
        else if (Decision == Return && string.IsNullOrWhiteSpace(Comment)) ModelState.AddModelError(nameof(Comment), "Enter why you are returning the closure request");
        if (!ModelState.IsValid) return Page();

        var outcome = await closure.DecideAsync(await users.GetAsync(ct), Id, new ClosureDecisionInput(Decision == Approve, Comment), ct);
        return this.Answer(outcome,
            ok: r =>
            {
                TempData["Success"] = r.Status == ClosureRequestStatus.Approved ? "Closure approved: the case is closed" : "The closure request is returned with your comment";
                return Redirect($"/Cases/{Id}#closure");
            },
            rename: new Dictionary<string, string> { ["approve"] = nameof(Decision) }) ?? Page();
    }

    /// <summary>Null to show the page; 403 for anyone who may not decide the case's closure requests.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var @case = await cases.ReadAsync(scope.Case, ct);
        if (!ClosureRules.IsSupervisorOf(user, @case)) return Forbid();
        PersonName = @case.Person.FullName;
        View = await closure.ViewAsync(user, scope.Case, @case, ct);
        return null;
    }
}

/// <summary>
/// For the supervisor's Team page: the closure requests waiting for this user's decision, oldest first. The cases shown join
/// the page's one list event.
/// </summary>
public sealed class ClosureAwaitingViewComponent(ClosureService closure, CurrentUserAccessor users, AuditTrail audit) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var user = await users.GetAsync(ct);
        var rows = await closure.AwaitingDecisionAsync(user, ct);
        await audit.RecordListAsync(user, AuditActions.CaseListed, rows.Select(r => r.CaseId), ct);
        return View("/Features/Closure/_ClosureAwaiting.cshtml", rows);
    }
}
