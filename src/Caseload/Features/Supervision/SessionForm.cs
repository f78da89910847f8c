using System.Globalization;
using Caseload.Platform.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caseload.Features.Supervision;

/// <summary>A row of a case discussion's actions, as typed.</summary>
public sealed class ActionForm
{
    public string? Action { get; set; }
    public string? Owner { get; set; }
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Action) && string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);
}

/// <summary>A case discussion of the form, as typed.</summary>
public sealed class DiscussionForm
{
    public string? CaseId { get; set; }
    public string? Discussion { get; set; }
    public string? Decision { get; set; }
    public string? Rationale { get; set; }
    public List<ActionForm> Actions { get; set; } = [];

    public bool IsEmpty => string.IsNullOrWhiteSpace(CaseId) && string.IsNullOrWhiteSpace(Discussion) && string.IsNullOrWhiteSpace(Decision)
        && string.IsNullOrWhiteSpace(Rationale) && Actions.All(a => a is null || a.IsEmpty);
}

/// <summary>
/// The session form as posted: text as typed, dates in parts, case discussions and their actions as rows that "Add another"
/// and "Remove" change without JavaScript. Error keys are the ids of the form's fields, so the GOV.UK error summary links
/// to them. Shared by recording and amending a session.
/// </summary>
public sealed class SessionForm
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }
    public string? Kind { get; set; }
    public List<DiscussionForm> Discussions { get; set; } = [];
    public string? WellbeingRating { get; set; }
    public string? WellbeingNotes { get; set; }
    public string? Workload { get; set; }
    public string? Learning { get; set; }
    public string? NextDay { get; set; }
    public string? NextMonth { get; set; }
    public string? NextYear { get; set; }

    public static string DiscussionKey(int row, string part) => $"D{row + 1}{part}";

    public static string ActionKey(int row, int action, string part) => $"D{row + 1}A{action + 1}{part}";

    /// <summary>Drops what a browser cannot have sent (null rows) and caps the rows, keeping at least one action row per discussion.</summary>
    public void Tidy()
    {
        Discussions = Discussions.Select(d => d ?? new DiscussionForm()).Take(SupervisionRules.MaxCaseDiscussions).ToList();
        foreach (var d in Discussions)
        {
            d.Actions = d.Actions.Select(a => a ?? new ActionForm()).Take(SupervisionRules.MaxActions).ToList();
            if (d.Actions.Count == 0) d.Actions.Add(new ActionForm());
        }
    }

    /// <summary>Adds a case discussion row (about <paramref name="caseId"/> when given). Returns the new row's index, or null at the limit.</summary>
    public int? AddDiscussion(Guid? caseId)
    {
        Tidy();
        if (caseId is { } id && Discussions.FindIndex(d => d.CaseId == id.ToString()) is var existing and >= 0) return existing;
        if (Discussions.Count >= SupervisionRules.MaxCaseDiscussions) return null;
        // An untouched empty row takes the case rather than leaving a blank row above it.
        var blank = caseId is null ? -1 : Discussions.FindIndex(d => d.IsEmpty);
        if (blank >= 0)
        {
            Discussions[blank].CaseId = caseId!.Value.ToString();
            return blank;
        }

        Discussions.Add(new DiscussionForm { CaseId = caseId?.ToString(), Actions = [new ActionForm()] });
        return Discussions.Count - 1;
    }

    public void RemoveDiscussion(int row)
    {
        Tidy();
        if (row >= 0 && row < Discussions.Count) Discussions.RemoveAt(row);
    }

    public int? AddAction(int row)
    {
        Tidy();
        if (row < 0 || row >= Discussions.Count || Discussions[row].Actions.Count >= SupervisionRules.MaxActions) return null;
        Discussions[row].Actions.Add(new ActionForm());
        return row;
    }

    /// <summary>Removes action <c>a</c> of discussion <c>d</c>, given as "d-a" (the button's value).</summary>
    public void RemoveAction(string? which)
    {
        Tidy();
        var parts = which?.Split('-') ?? [];
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var row)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var action)) return;
        if (row >= Discussions.Count || action >= Discussions[row].Actions.Count) return;
        Discussions[row].Actions.RemoveAt(action);
        Tidy();
    }

    /// <summary>Where each submitted discussion and action came from in the form, to put the service's errors on the right rows.</summary>
    public sealed record Rows(IReadOnlyList<(int Row, IReadOnlyList<int> ActionRows)> Discussions);

    /// <summary>Reads the form into a session's content; errors in the form's own parts (dates, choices) go to <paramref name="errors"/>.</summary>
    public SessionContent ToContent(ModelStateDictionary errors, out Rows rows)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Tidy();
        var occurredOn = ReadDate(Day, Month, Year, "OccurredOn", "the date of the session", errors, required: true);
        var nextSessionOn = ReadDate(NextDay, NextMonth, NextYear, "NextSessionOn", "the date of the next session", errors, required: false);
        int? rating = null;
        if (!string.IsNullOrWhiteSpace(WellbeingRating))
        {
            if (int.TryParse(WellbeingRating, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r is >= 1 and <= 5) rating = r;
            else errors.AddModelError("WellbeingRating", "The wellbeing rating must be from 1 to 5");
        }

        var discussions = new List<CaseDiscussionInput>();
        var rowList = new List<(int, IReadOnlyList<int>)>();
        for (var i = 0; i < Discussions.Count; i++)
        {
            var d = Discussions[i];
            if (d.IsEmpty) continue;
            Guid? caseId = null;
            if (!string.IsNullOrWhiteSpace(d.CaseId))
            {
                if (Guid.TryParse(d.CaseId, out var id)) caseId = id;
                else errors.AddModelError(DiscussionKey(i, "Case"), $"Select the case of case discussion {discussions.Count + 1}");
            }

            var actions = new List<SupervisionActionInput>();
            var actionRows = new List<int>();
            for (var j = 0; j < d.Actions.Count; j++)
            {
                var a = d.Actions[j];
                if (a.IsEmpty) continue;
                actionRows.Add(j);
                var due = ReadDate(a.Day, a.Month, a.Year, ActionKey(i, j, "Due"), $"the date action {actions.Count + 1} is due by", errors, required: false);
                actions.Add(new SupervisionActionInput(a.Action, a.Owner, due));
            }

            rowList.Add((i, actionRows));
            discussions.Add(new CaseDiscussionInput(caseId, d.Discussion, d.Decision, d.Rationale, actions));
        }

        rows = new Rows(rowList);
        return new SessionContent(occurredOn, Kind, discussions, new WellbeingInput(rating, WellbeingNotes), Workload, Learning, nextSessionOn);
    }

    /// <summary>The service's error keys (as the API names fields) on this form's fields; a field the form already faulted keeps its own error.</summary>
    public static void AddServiceErrors(ModelStateDictionary modelState, IReadOnlyDictionary<string, string> errors, Rows rows)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(rows);
        var renamed = new Dictionary<string, string>();
        foreach (var (key, message) in errors)
        {
            var field = key switch
            {
                "occurredOn" => "OccurredOn",
                "nextSessionOn" => "NextSessionOn",
                "wellbeing.rating" => "WellbeingRating",
                "wellbeing.notes" => "WellbeingNotes",
                "caseDiscussions" => DiscussionKey(0, "Case"),
                "status" => "Kind",
                _ when key.StartsWith("caseDiscussions[", StringComparison.Ordinal) => DiscussionField(key, rows),
                _ => char.ToUpperInvariant(key[0]) + key[1..],
            };
            if (modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0) continue;
            renamed[field] = message;
        }

        modelState.AddErrors(renamed);
    }

    public static SessionForm From(SupervisionSessionVersion version, IReadOnlySet<Guid> visibleCases)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(visibleCases);
        var form = new SessionForm
        {
            Day = version.OccurredOn.Day.ToString(CultureInfo.InvariantCulture),
            Month = version.OccurredOn.Month.ToString(CultureInfo.InvariantCulture),
            Year = version.OccurredOn.Year.ToString(CultureInfo.InvariantCulture),
            Kind = version.Kind.ToCode(),
            WellbeingRating = version.WellbeingRating?.ToString(CultureInfo.InvariantCulture),
            WellbeingNotes = version.WellbeingNotes,
            Workload = version.Workload,
            Learning = version.Learning,
            NextDay = version.NextSessionOn?.Day.ToString(CultureInfo.InvariantCulture),
            NextMonth = version.NextSessionOn?.Month.ToString(CultureInfo.InvariantCulture),
            NextYear = version.NextSessionOn?.Year.ToString(CultureInfo.InvariantCulture),
            Discussions = version.CaseDiscussions.Where(d => visibleCases.Contains(d.CaseId)).OrderBy(d => d.Position).Select(d => new DiscussionForm
            {
                CaseId = d.CaseId.ToString(),
                Discussion = d.Discussion,
                Decision = d.Decision,
                Rationale = d.Rationale,
                Actions = d.Actions.OrderBy(a => a.Position).Select(a => new ActionForm
                {
                    Action = a.Action,
                    Owner = a.OwnerUserName,
                    Day = a.DueOn.Day.ToString(CultureInfo.InvariantCulture),
                    Month = a.DueOn.Month.ToString(CultureInfo.InvariantCulture),
                    Year = a.DueOn.Year.ToString(CultureInfo.InvariantCulture),
                }).ToList(),
            }).ToList(),
        };
        form.Tidy();
        return form;
    }

    private static string DiscussionField(string key, Rows rows)
    {
        // "caseDiscussions[1].actions[0].dueOn" -> the form rows that made discussion 1 and its action 0 -> "D3A1Due".
        var close = key.IndexOf(']', StringComparison.Ordinal);
        var index = int.Parse(key["caseDiscussions[".Length..close], CultureInfo.InvariantCulture);
        var (row, actionRows) = index < rows.Discussions.Count ? rows.Discussions[index] : (index, []);
        var rest = key[(close + 2)..];
        if (rest.StartsWith("actions[", StringComparison.Ordinal))
        {
            var actionClose = rest.IndexOf(']', StringComparison.Ordinal);
            var a = int.Parse(rest["actions[".Length..actionClose], CultureInfo.InvariantCulture);
            var actionRow = a < actionRows.Count ? actionRows[a] : a;
            var part = rest[(actionClose + 2)..] switch
            {
                "owner" => "Owner",
                "dueOn" => "Due",
                _ => "Action",
            };
            return ActionKey(row, actionRow, part);
        }

        return rest switch
        {
            "caseId" => DiscussionKey(row, "Case"),
            "discussion" => DiscussionKey(row, "Discussion"),
            "decision" => DiscussionKey(row, "Decision"),
            "rationale" => DiscussionKey(row, "Rationale"),
            "actions" => ActionKey(row, 0, "Action"),
            _ => DiscussionKey(row, "Case"),
        };
    }

    private static DateOnly? ReadDate(string? day, string? month, string? year, string key, string what, ModelStateDictionary errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year))
        {
            if (required) errors.AddModelError(key, $"Enter {what}");
            return null;
        }

        if (int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && y is >= 1900 and <= 2099 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return new DateOnly(y, m, d);
        }

        errors.AddModelError(key, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be a real date, like 20 11 2026");
        return null;
    }
}
