using System.Globalization;
using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Plans;

/// <summary>The case's feedback, newest first, and a single-use link for the family (its address shown once, when it is made).</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class FeedbackModel(CaseScope scope, FeedbackService feedback, PlanService plans) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The case's version when the page was shown: a link is made only from a page that is up to date.</summary>
    [BindProperty] public int Version { get; set; }

    public string PersonName => scope.Case.PersonName;
    public bool Closed => scope.Case.Status == Cases.CaseStatus.Closed;
    public int CaseVersion => scope.Case.Version;
    public IReadOnlyList<CaseFeedback> Feedback { get; private set; } = [];
    /// <summary>The goals the views name, by id: of any version of the plan.</summary>
    public IReadOnlyDictionary<Guid, PlanGoal> Goals { get; private set; } = new Dictionary<Guid, PlanGoal>();
    public NewFeedbackLink? NewLink { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken ct)
    {
        if (Version != scope.Case.Version)
        {
            ModelState.AddModelError(string.Empty, "The case has changed since this page was shown. Check it, then make the link again");
            await LoadAsync(ct, recordRead: false);
            return Page();
        }

        var outcome = await feedback.CreateLinkAsync(scope.Case, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", ct);
        if (outcome.Kind == OutcomeKind.Ok) NewLink = outcome.Value;
        else if (this.Answer(outcome, ok: _ => Page(), rename: new Dictionary<string, string> { ["status"] = string.Empty }) is { } refused) return refused;
        await LoadAsync(ct, recordRead: false);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct, bool recordRead = true)
    {
        Feedback = await feedback.ListAsync(scope.Case, recordRead, ct);
        var found = await plans.ListAsync(scope.Case, recordRead: false, ct);
        Goals = found.All.SelectMany(p => p.Goals).ToDictionary(g => g.Id);
    }
}

/// <summary>Record feedback given to you: from whom, when and how, the rating, what helped, what could be better and their view of each goal.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class NewFeedbackModel(CaseScope scope, FeedbackService feedback, PlanService plans) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? ReceivedOnDay { get; set; }
    [BindProperty] public string? ReceivedOnMonth { get; set; }
    [BindProperty] public string? ReceivedOnYear { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? Rating { get; set; }
    [BindProperty] public string? Helped { get; set; }
    [BindProperty] public string? CouldBeBetter { get; set; }
    public Dictionary<Guid, string> GoalView { get; private set; } = [];

    public string PersonName => scope.Case.PersonName;
    public bool Closed => scope.Case.Status == Cases.CaseStatus.Closed;
    public IReadOnlyList<PlanGoal> Goals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var today = feedback.Today;
        (ReceivedOnDay, ReceivedOnMonth, ReceivedOnYear) = (today.Day.ToString(CultureInfo.InvariantCulture), today.Month.ToString(CultureInfo.InvariantCulture),
            today.Year.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        GoalView = Closure.ClosureForm.Indexed(Request.Form, nameof(GoalView));
        await LoadAsync(ct);
        if (Closed)
        {
            ModelState.AddModelError(string.Empty, FeedbackService.ClosedCaseMessage);
            return Page();
        }

        DateOnly? on = null;
        if (GovDate.TryParse(ReceivedOnDay, ReceivedOnMonth, ReceivedOnYear, out var day)) on = day;
        else if (!GovDate.IsEmpty(ReceivedOnDay, ReceivedOnMonth, ReceivedOnYear)) ModelState.AddModelError("ReceivedOn", "The date must be a real date, like 21 11 2026");
        int? rating = int.TryParse(Rating, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;
        var views = Goals.Where(g => !string.IsNullOrWhiteSpace(GoalView.GetValueOrDefault(g.Id)))
            .Select(g => (GoalViewInput?)new GoalViewInput(g.Id, GoalView[g.Id])).ToList();
        var input = new FeedbackInput(From, on, Method, rating, Helped, CouldBeBetter, views);
        if (!ModelState.IsValid)
        {
            ModelState.AddErrors(Renamed(FeedbackRules.Check(input, Goals.Select(g => g.Id).ToHashSet(), feedback.Today)
                .Where(e => e.Key != "receivedOn").ToDictionary(e => e.Key, e => e.Value), views));
            return Page();
        }

        var outcome = await feedback.RecordAsync(scope.Case, input, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            ModelState.AddErrors(Renamed(outcome.Errors, views));
            return Page();
        }

        return this.Answer(outcome, ok: f =>
        {
            TempData["Success"] = $"Feedback from {f.From} is recorded";
            return Redirect($"/Cases/{Id}/Feedback#feedback-{f.Id}");
        }) ?? Page();
    }

    /// <summary>The service's keys on the form's fields: goalViews[0].view on the box of the goal it was for.</summary>
    private static Dictionary<string, string> Renamed(IReadOnlyDictionary<string, string> errors, List<GoalViewInput?> views)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, message) in errors)
        {
            var match = System.Text.RegularExpressions.Regex.Match(key, @"^goalViews\[(\d+)\]");
            var field = match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i < views.Count
                ? $"GoalView-{views[i]!.GoalId}"
                : key;
            renamed.TryAdd(field, message);
        }

        return renamed;
    }

    private async Task LoadAsync(CancellationToken ct) => Goals = (await plans.ListAsync(scope.Case, recordRead: false, ct)).Current?.Goals ?? [];
}

/// <summary>
/// The family's own feedback form, reached through a single-use link without an account. It shows nothing about the case (the
/// link could reach the wrong person); every request is counted against the client's allowance, and a link that is unknown,
/// used or expired answers the same page. Plain words, for a child or young person as much as a parent.
/// </summary>
[AllowAnonymous]
public sealed class FamilyFeedbackModel(FeedbackService feedback) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Writer { get; set; }
    [BindProperty] public string? Rating { get; set; }
    [BindProperty] public string? Helped { get; set; }
    [BindProperty] public string? CouldBeBetter { get; set; }

    /// <summary>The link is unknown, used or expired.</summary>
    public bool LinkClosed { get; private set; }
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await TooManyAsync(ct)) return new EmptyResult();
        if (await feedback.OpenAsync(Token, ct) == FeedbackLinkState.Closed) return Closed();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await TooManyAsync(ct)) return new EmptyResult();
        int? rating = int.TryParse(Rating, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;
        var outcome = await feedback.SubmitAsync(Token, new FamilyFeedbackInput(Writer, rating, Helped, CouldBeBetter), ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return Closed();
            case OutcomeKind.Invalid:
                ModelState.AddErrors(outcome.Errors);
                return Page();
            default:
                Sent = true;
                return Page();
        }
    }

    private async Task<bool> TooManyAsync(CancellationToken ct)
    {
        if (await feedback.ThrottleAsync(HttpContext, ct) is not { } wait) return false;
        await RateLimits.TooManyAsync(HttpContext, wait);
        return true;
    }

    private PageResult Closed()
    {
        LinkClosed = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
