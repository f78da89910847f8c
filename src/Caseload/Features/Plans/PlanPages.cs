using System.Globalization;
using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Plans;

/// <summary>The case's plan in force (or an earlier version): goals with their progress charted over time, and the actions.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class PlanModel(CaseScope scope, PlanService plans) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }

    public string PersonName => scope.Case.PersonName;
    public bool Closed => scope.Case.Status == Cases.CaseStatus.Closed;
    public CasePlans Plans { get; private set; } = new(null, []);
    /// <summary>The version shown: the one asked for, else the plan in force.</summary>
    public Plan? Shown { get; private set; }
    public bool ShowingCurrent => Shown is not null && Shown == Plans.Current;
    /// <summary>This user may approve or return the version awaiting approval (a supervisor of the case who did not agree it).</summary>
    public bool MayDecide { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Plans = await plans.ListAsync(scope.Case, ct: ct);
        Shown = Version is { } v ? Plans.All.FirstOrDefault(p => p.Version == v) : Plans.Current ?? Plans.Latest;
        MayDecide = !Closed && Plans.AwaitingApproval is { } waiting && await plans.MayDecideAsync(scope.Case, waiting, ct);
        return Version is not null && Shown is null ? NotFound() : Page();
    }

    /// <summary>The goal's chart: its baseline, then each progress with a value, in date order.</summary>
    public static IReadOnlyList<ChartPoint> Points(Plan plan, PlanGoal goal)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(goal);
        return [new ChartPoint($"Baseline {UkDate(plan.AgreedOn)}", goal.Baseline),
            .. PlanRules.InDateOrder(goal.Progress).Where(p => p.Value is not null).Select(p => new ChartPoint(UkDate(p.RecordedOn), p.Value!.Value))];
    }

    /// <summary>The chart's range: 0 to 10 for a scale; for a number, from 0 (or below) to the highest value or target.</summary>
    public static (decimal Min, decimal Max) Range(PlanGoal goal, IReadOnlyList<ChartPoint> points)
    {
        ArgumentNullException.ThrowIfNull(goal);
        ArgumentNullException.ThrowIfNull(points);
        if (goal.Measure == PlanCodes.Scale) return (0, PlanRules.ScaleMax);
        var values = points.Select(p => p.Value).Append(goal.Target).ToList();
        var max = values.Max();
        return (Math.Min(0, values.Min()), max <= 0 ? 1 : max);
    }

    /// <summary>One sentence on the distance travelled, for the chart's description and for readers of the table.</summary>
    public static string Summary(PlanGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var measure = new GoalMeasure(goal.Measure, goal.Unit);
        var latest = PlanRules.InDateOrder(goal.Progress).LastOrDefault(p => p.Value is not null);
        var target = $"the target is {measure.Format(goal.Target)} by {UkTime.Format(goal.TargetDate)}";
        return latest is null
            ? $"Baseline {measure.Format(goal.Baseline)}; no score recorded yet; {target}."
            : $"From a baseline of {measure.Format(goal.Baseline)} to {measure.Format(latest.Value!.Value)} on {UkTime.Format(latest.RecordedOn)}; {target}.";
    }

    private static string UkDate(DateOnly day) => Caseload.Platform.Time.UkTime.FormatWithoutYear(day);
}

/// <summary>
/// Agree a new version of the plan with the family: up to three goals and five actions (blank rows are left out), and when it is
/// reviewed. The goals of the plan in force are filled in to start from.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class NewPlanModel(CaseScope scope, PlanService plans) : PageModel
{
    public const int GoalRows = 3;
    public const int ActionRows = 5;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string?[] GoalDescription { get; set; } = new string?[GoalRows];
    [BindProperty] public string?[] GoalPersonsWords { get; set; } = new string?[GoalRows];
    [BindProperty] public string?[] GoalMeasure { get; set; } = new string?[GoalRows];
    [BindProperty] public string?[] GoalUnit { get; set; } = new string?[GoalRows];
    [BindProperty] public string?[] GoalBaseline { get; set; } = new string?[GoalRows];
    [BindProperty] public string?[] GoalTarget { get; set; } = new string?[GoalRows];
    [BindProperty] public string?[] GoalTargetDay { get; set; } = new string?[GoalRows];
    [BindProperty] public string?[] GoalTargetMonth { get; set; } = new string?[GoalRows];
    [BindProperty] public string?[] GoalTargetYear { get; set; } = new string?[GoalRows];
    [BindProperty] public string?[] GoalAgreedBy { get; set; } = new string?[GoalRows];
    [BindProperty] public string?[] ActionText { get; set; } = new string?[ActionRows];
    [BindProperty] public string?[] ActionOwner { get; set; } = new string?[ActionRows];
    [BindProperty] public string?[] ActionDueDay { get; set; } = new string?[ActionRows];
    [BindProperty] public string?[] ActionDueMonth { get; set; } = new string?[ActionRows];
    [BindProperty] public string?[] ActionDueYear { get; set; } = new string?[ActionRows];
    [BindProperty] public string?[] ActionGoal { get; set; } = new string?[ActionRows];
    [BindProperty] public string? ReviewOnDay { get; set; }
    [BindProperty] public string? ReviewOnMonth { get; set; }
    [BindProperty] public string? ReviewOnYear { get; set; }

    public string PersonName => scope.Case.PersonName;
    public bool Closed => scope.Case.Status == Cases.CaseStatus.Closed;
    public int? CurrentVersion { get; private set; }

    public int Goals => GoalDescription.Length;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Start from the newest version: the plan in force, or one awaiting approval or returned (to be put right).
        var current = (await plans.ListAsync(scope.Case, ct: ct)).Latest;
        CurrentVersion = current?.Version;
        if (current is null) return;
        var rows = Math.Max(GoalRows, current.Goals.Count);
        Resize(rows);
        foreach (var g in current.Goals)
        {
            var i = g.Number;
            if (i >= rows) continue;
            GoalDescription[i] = g.Description;
            GoalPersonsWords[i] = g.PersonsWords;
            GoalMeasure[i] = g.Measure;
            GoalUnit[i] = g.Unit;
            GoalBaseline[i] = PlanRules.Number(g.Baseline);
            GoalTarget[i] = PlanRules.Number(g.Target);
            GoalTargetDay[i] = g.TargetDate.Day.ToString(CultureInfo.InvariantCulture);
            GoalTargetMonth[i] = g.TargetDate.Month.ToString(CultureInfo.InvariantCulture);
            GoalTargetYear[i] = g.TargetDate.Year.ToString(CultureInfo.InvariantCulture);
            GoalAgreedBy[i] = g.AgreedBy;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Closed)
        {
            ModelState.AddModelError(string.Empty, PlanService.ClosedCaseMessage);
            return Page();
        }

        Resize(Math.Max(GoalRows, GoalDescription.Length));
        var goalRows = new List<int>();
        var goals = new List<GoalInput?>();
        for (var i = 0; i < GoalDescription.Length; i++)
        {
            if (Blank(GoalDescription[i], GoalPersonsWords[i], GoalUnit[i], GoalBaseline[i], GoalTarget[i], GoalTargetDay[i], GoalTargetMonth[i], GoalTargetYear[i], GoalAgreedBy[i])) continue;
            var scale = GoalMeasure[i] != PlanCodes.Number;
            goalRows.Add(i);
            goals.Add(new GoalInput(GoalDescription[i], GoalPersonsWords[i], scale ? PlanCodes.Scale : GoalUnit[i],
                Number($"GoalBaseline-{i}", GoalBaseline[i], "The baseline"), Number($"GoalTarget-{i}", GoalTarget[i], "The target"),
                Date($"GoalTargetDate-{i}", GoalTargetDay[i], GoalTargetMonth[i], GoalTargetYear[i], "The target date"), GoalAgreedBy[i]));
        }

        var actionRows = new List<int>();
        var actions = new List<ActionInput?>();
        for (var i = 0; i < ActionText.Length; i++)
        {
            if (Blank(ActionText[i], ActionOwner[i], ActionDueDay[i], ActionDueMonth[i], ActionDueYear[i])) continue;
            actionRows.Add(i);
            int? goal = int.TryParse(ActionGoal[i], NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? goalRows.IndexOf(row) : null;
            if (goal is -1)
            {
                ModelState.AddModelError($"ActionGoal-{i}", "Choose a goal you have filled in, or no goal");
                goal = null;
            }

            actions.Add(new ActionInput(ActionText[i], ActionOwner[i], Date($"ActionDue-{i}", ActionDueDay[i], ActionDueMonth[i], ActionDueYear[i], "The due date"), goal));
        }

        var review = Date("ReviewOn", ReviewOnDay, ReviewOnMonth, ReviewOnYear, "The review date");
        var input = new PlanInput(goals, actions, review);
        if (!ModelState.IsValid)
        {
            AddErrors(PlanRules.Check(input, plans.Today), goalRows, actionRows);
            return Page();
        }

        var outcome = await plans.AgreeAsync(scope.Case, input, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            AddErrors(outcome.Errors, goalRows, actionRows);
            return Page();
        }

        return this.Answer(outcome, ok: p =>
        {
            var tasks = p.Actions.Count(a => a.TaskId is not null);
            TempData["Success"] = p.Approval == PlanApproval.Pending
                ? $"Plan version {p.Version} is agreed and awaits a supervisor's approval: it is in force once approved"
                : $"Plan version {p.Version} is agreed" + (tasks == 0 ? "" : $". {tasks} {(tasks == 1 ? "action is a task" : "actions are tasks")} on the case");
            return Redirect($"/Cases/{Id}/Plan");
        }) ?? Page();
    }

    /// <summary>The service's keys (goals[0].measure) on the form's fields (GoalUnit-2), by the rows that were filled in.</summary>
    private void AddErrors(IReadOnlyDictionary<string, string> errors, List<int> goalRows, List<int> actionRows)
    {
        foreach (var (key, message) in errors)
        {
            var field = FieldOf(key, goalRows, actionRows);
            if (ModelState[field] is { Errors.Count: > 0 }) continue;
            ModelState.AddModelError(field, message);
        }
    }

    private string FieldOf(string key, List<int> goalRows, List<int> actionRows)
    {
        var match = System.Text.RegularExpressions.Regex.Match(key, @"^(goals|actions)\[(\d+)\](?:\.(\w+))?$");
        if (!match.Success) return key switch { "goals" => "GoalDescription-0", "reviewOn" => "ReviewOn", _ => string.Empty };
        var index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var field = match.Groups[3].Value;
        if (match.Groups[1].Value == "goals")
        {
            var row = index < goalRows.Count ? goalRows[index] : 0;
            return field switch
            {
                "measure" => GoalMeasure[row] == PlanCodes.Number ? $"GoalUnit-{row}" : $"GoalMeasure-{row}",
                "personsWords" => $"GoalPersonsWords-{row}",
                "baseline" => $"GoalBaseline-{row}",
                "target" => $"GoalTarget-{row}",
                "targetDate" => $"GoalTargetDate-{row}",
                "agreedBy" => $"GoalAgreedBy-{row}",
                _ => $"GoalDescription-{row}",
            };
        }

        var actionRow = index < actionRows.Count ? actionRows[index] : 0;
        return field switch
        {
            "owner" => $"ActionOwner-{actionRow}",
            "dueOn" => $"ActionDue-{actionRow}",
            "goalIndex" => $"ActionGoal-{actionRow}",
            _ => $"ActionText-{actionRow}",
        };
    }

    private decimal? Number(string field, string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim().TrimEnd('%').Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        ModelState.AddModelError(field, $"{label} must be a number, like 4");
        return null;
    }

    private DateOnly? Date(string field, string? day, string? month, string? year, string label)
    {
        if (GovDate.TryParse(day, month, year, out var date)) return date;
        if (!GovDate.IsEmpty(day, month, year)) ModelState.AddModelError(field, $"{label} must be a real date, like 21 11 2026");
        return null;
    }

    private static bool Blank(params string?[] values) => values.All(string.IsNullOrWhiteSpace);

    private void Resize(int goals)
    {
        string?[] To(string?[]? a, int n) { var r = new string?[n]; if (a is not null) Array.Copy(a, r, Math.Min(a.Length, n)); return r; }
        GoalDescription = To(GoalDescription, goals);
        GoalPersonsWords = To(GoalPersonsWords, goals);
        GoalMeasure = To(GoalMeasure, goals);
        GoalUnit = To(GoalUnit, goals);
        GoalBaseline = To(GoalBaseline, goals);
        GoalTarget = To(GoalTarget, goals);
        GoalTargetDay = To(GoalTargetDay, goals);
        GoalTargetMonth = To(GoalTargetMonth, goals);
        GoalTargetYear = To(GoalTargetYear, goals);
        GoalAgreedBy = To(GoalAgreedBy, goals);
        var actions = Math.Max(ActionRows, ActionText?.Length ?? 0);
        ActionText = To(ActionText, actions);
        ActionOwner = To(ActionOwner, actions);
        ActionDueDay = To(ActionDueDay, actions);
        ActionDueMonth = To(ActionDueMonth, actions);
        ActionDueYear = To(ActionDueYear, actions);
        ActionGoal = To(ActionGoal, actions);
    }
}

/// <summary>Record progress on a goal of the plan in force: when, the score or number, the person's view, your comment and where it stands.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class ProgressModel(CaseScope scope, PlanService plans) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid PlanId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid GoalId { get; set; }
    [BindProperty] public string? RecordedOnDay { get; set; }
    [BindProperty] public string? RecordedOnMonth { get; set; }
    [BindProperty] public string? RecordedOnYear { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? PersonsView { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public string PersonName => scope.Case.PersonName;
    public bool Closed => scope.Case.Status == Cases.CaseStatus.Closed;
    public Plan Plan { get; private set; } = null!;
    public PlanGoal Goal { get; private set; } = null!;
    public GoalMeasure Measure => new(Goal.Measure, Goal.Unit);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var today = plans.Today;
        (RecordedOnDay, RecordedOnMonth, RecordedOnYear) = (today.Day.ToString(CultureInfo.InvariantCulture), today.Month.ToString(CultureInfo.InvariantCulture),
            today.Year.ToString(CultureInfo.InvariantCulture));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Closed)
        {
            ModelState.AddModelError(string.Empty, PlanService.ClosedCaseMessage);
            return Page();
        }

        DateOnly? on = null;
        if (GovDate.TryParse(RecordedOnDay, RecordedOnMonth, RecordedOnYear, out var day)) on = day;
        else if (!GovDate.IsEmpty(RecordedOnDay, RecordedOnMonth, RecordedOnYear)) ModelState.AddModelError("RecordedOn", "The date must be a real date, like 21 11 2026");
        decimal? value = null;
        if (!string.IsNullOrWhiteSpace(Value))
        {
            if (decimal.TryParse(Value.Trim().TrimEnd('%').Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v)) value = v;
            else ModelState.AddModelError(nameof(Value), "The score or number must be a number, like 4");
        }

        var input = new ProgressInput(on, value, PersonsView, Comment, Status, Reason);
        if (!ModelState.IsValid)
        {
            ModelState.AddErrors(PlanRules.CheckProgress(input, Measure, Plan.AgreedOn, plans.Today)
                .Where(e => ModelState[char.ToUpperInvariant(e.Key[0]) + e.Key[1..]] is not { Errors.Count: > 0 }).ToDictionary(e => e.Key, e => e.Value));
            return Page();
        }

        var outcome = await plans.RecordProgressAsync(scope.Case, PlanId, GoalId, input, ct);
        return this.Answer(outcome, ok: p =>
        {
            TempData["Success"] = $"Progress on goal {Goal.Number + 1} is recorded: {PlanCodes.StatusTitle(p.Status).ToLowerInvariant()}";
            return Redirect($"/Cases/{Id}/Plan#goal-{Goal.Number + 1}");
        }, rename: Renames) ?? Page();
    }

    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal) { ["status"] = nameof(Status), ["planId"] = string.Empty };

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var found = await plans.ListAsync(scope.Case, recordRead: false, ct);
        var plan = found.Current;
        var goal = plan?.Goals.FirstOrDefault(g => g.Id == GoalId);
        if (plan is null || plan.Id != PlanId || goal is null) return false;
        (Plan, Goal) = (plan, goal);
        return true;
    }
}

/// <summary>
/// A supervisor of the case who did not agree it approves a plan version awaiting approval (it comes into force) or returns it
/// with a comment. The plan page carries the same form; this page answers it, and shows it again with any error.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class PlanDecisionModel(CaseScope scope, PlanService plans) : PageModel
{
    public const string Approve = "approve";
    public const string Return = "return";

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid PlanId { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public string PersonName => scope.Case.PersonName;
    public Plan Plan { get; private set; } = null!;
    public bool Awaiting { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } elsewhere) return elsewhere;
        ViewData["ErrorOrder"] = new[] { nameof(Decision), nameof(Comment) };
        if (!Awaiting)
        {
            ModelState.AddModelError(string.Empty, "This plan is not awaiting approval");
            return Page();
        }

        if (Decision is not (Approve or Return)) ModelState.AddModelError(nameof(Decision), "Select whether you approve the plan or return it");
        else if (Decision == Return && string.IsNullOrWhiteSpace(Comment)) ModelState.AddModelError(nameof(Comment), "Enter why you are returning the plan");
        if (!ModelState.IsValid) return Page();

        var outcome = await plans.DecideAsync(scope.Case, PlanId, new PlanDecisionInput(Decision == Approve, Comment), ct);
        return this.Answer(outcome, ok: p =>
        {
            var tasks = p.Actions.Count(a => a.TaskId is not null);
            TempData["Success"] = p.Approval == PlanApproval.Approved
                ? $"Plan version {p.Version} is approved and in force" + (tasks == 0 ? "" : $". {tasks} {(tasks == 1 ? "action is a task" : "actions are tasks")} on the case")
                : $"Plan version {p.Version} is returned with your comment";
            return Redirect($"/Cases/{Id}/Plan");
        }, rename: new Dictionary<string, string>(StringComparer.Ordinal) { ["approve"] = nameof(Decision), ["status"] = string.Empty }) ?? Page();
    }

    /// <summary>Null to show the page; 404 for a plan not of this case; 403 for anyone who may not decide it.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var found = await plans.ListAsync(scope.Case, recordRead: false, ct);
        if (found.All.FirstOrDefault(p => p.Id == PlanId) is not { } plan) return NotFound();
        Plan = plan;
        Awaiting = found.AwaitingApproval == plan && scope.Case.Status != Cases.CaseStatus.Closed;
        if (Awaiting && !await plans.MayDecideAsync(scope.Case, plan, ct)) return Forbid();
        if (!Awaiting && !scope.Case.User.WorksWithCases) return Forbid();
        return null;
    }
}
