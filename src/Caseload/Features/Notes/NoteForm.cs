using Caseload.Platform.Http;
using System.Globalization;
using System.Text.Json;
using Caseload.Features.Notes.Objectivity;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caseload.Features.Notes;

/// <summary>A row of the next-steps part of the note form.</summary>
public sealed class NextStepForm
{
    public string? Action { get; set; }
    public string? Owner { get; set; }
    /// <summary>Someone outside Caseload who does it; <see cref="Owner"/> then follows it up.</summary>
    public string? ExternalOwner { get; set; }
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Action) && string.IsNullOrWhiteSpace(ExternalOwner) && string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);
}

/// <summary>
/// The note form as posted (and as a draft keeps it): text as typed, dates in parts. Shared by recording and amending a note.
/// Error keys are the ids of the form's fields, so the GOV.UK error summary links to them.
/// </summary>
public sealed class NoteForm
{
    /// <summary>Rows shown to begin with; "Add another next step" adds more, up to <see cref="NoteRules.MaxNextSteps"/>.</summary>
    public const int StepRows = 1;

    public string? Type { get; set; }
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }
    public string? Time { get; set; }
    public string? PresentAndSpokenTo { get; set; }
    public string? WhatHappened { get; set; }
    public string? WhatWasDone { get; set; }
    public string? Outcome { get; set; }
    public bool SafeguardingConcern { get; set; }
    public bool ConfidentialityExplained { get; set; }
    public string? LateEntryReason { get; set; }
    public List<NextStepForm> Steps { get; set; } = [];

    /// <summary>The findings the writer has been shown: their fingerprint, how many, and whether they confirmed reading them.</summary>
    public string? FindingsFingerprint { get; set; }
    public int FindingsShown { get; set; }
    public bool FindingsConfirmed { get; set; }

    public static string StepKey(int row, string part) => $"Step{row + 1}{part}";

    public void PadSteps()
    {
        Steps = Steps.Select(s => s ?? new NextStepForm()).Take(NoteRules.MaxNextSteps).ToList();
        while (Steps.Count < StepRows) Steps.Add(new NextStepForm());
    }

    /// <summary>Adds an empty next-step row, unless the form already has as many as a note may have. Returns the new row's index.</summary>
    public int? AddStep()
    {
        PadSteps();
        if (Steps.Count >= NoteRules.MaxNextSteps) return null;
        Steps.Add(new NextStepForm());
        return Steps.Count - 1;
    }

    /// <summary>Removes a next-step row (the rows after it move up); the form keeps at least one row.</summary>
    public int? RemoveStep(int row)
    {
        PadSteps();
        if (row >= 0 && row < Steps.Count) Steps.RemoveAt(row);
        PadSteps();
        return null;
    }

    public static NoteForm From(CaseNoteVersion v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var local = UkTime.ToUk(v.OccurredAt);
        var form = new NoteForm
        {
            Type = v.Type,
            Day = local.Day.ToString(CultureInfo.InvariantCulture),
            Month = local.Month.ToString(CultureInfo.InvariantCulture),
            Year = local.Year.ToString(CultureInfo.InvariantCulture),
            Time = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            PresentAndSpokenTo = v.PresentAndSpokenTo,
            WhatHappened = v.WhatHappened,
            WhatWasDone = v.WhatWasDone,
            Outcome = v.Outcome,
            SafeguardingConcern = v.SafeguardingConcern,
            ConfidentialityExplained = v.ConfidentialityExplained,
            LateEntryReason = v.LateEntryReason,
        };
        form.PadSteps();
        return form;
    }

    /// <summary>Reads the form into a note's content; errors in the form's own parts (dates and times) go to <paramref name="errors"/>.</summary>
    public NoteContent ToContent(ModelStateDictionary errors, out List<int> stepRows)
    {
        ArgumentNullException.ThrowIfNull(errors);
        DateTimeOffset? occurred = null;
        var date = ReadDate(Day, Month, Year, "OccurredAt", "the date it happened", errors);
        var time = ReadTime(Time, errors);
        if (date is { } d && time is { } t)
        {
            if (NoteRules.TryFromUkLocal(d.ToDateTime(t), out var instant)) occurred = instant;
            else errors.AddModelError("Time", "That time does not exist on that day: the clocks went forward. Enter the time again");
        }

        stepRows = [];
        var steps = new List<NextStepInput>();
        for (var i = 0; i < Steps.Count; i++)
        {
            var row = Steps[i];
            if (row.IsEmpty) continue;
            stepRows.Add(i);
            var due = ReadDate(row.Day, row.Month, row.Year, StepKey(i, "Due"), $"the date next step {i + 1} is due by", errors, required: false);
            steps.Add(new NextStepInput(row.Action, row.Owner, due, row.ExternalOwner));
        }

        return new NoteContent(Type, occurred, PresentAndSpokenTo, WhatHappened, WhatWasDone, Outcome, SafeguardingConcern, ConfidentialityExplained,
            LateEntryReason, steps, FindingsShown, false);
    }

    /// <summary>The service's error keys (as the API names fields) turned into this form's field ids.</summary>
    public static void AddServiceErrors(ModelStateDictionary modelState, IReadOnlyDictionary<string, string> errors, IReadOnlyList<int> stepRows)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(stepRows);
        var renamed = new Dictionary<string, string>();
        foreach (var (key, message) in errors)
        {
            var field = key switch
            {
                "occurredAt" => "OccurredAt",
                "findingsAcknowledged" => "FindingsConfirmed",
                "nextSteps" => StepKey(0, "Action"),
                _ when key.StartsWith("nextSteps[", StringComparison.Ordinal) => StepField(key, stepRows),
                _ => char.ToUpperInvariant(key[0]) + key[1..],
            };
            if (HasError(modelState, field) || (field == "OccurredAt" && HasError(modelState, "Time"))) continue;
            renamed[field] = message;
        }

        modelState.AddErrors(renamed);
    }

    /// <summary>
    /// The objectivity check on what was posted: the findings, their fingerprint, and whether the writer has already been
    /// shown these very findings (only then can their confirmation count).
    /// </summary>
    public (IReadOnlyList<FieldFinding> Findings, string Fingerprint, bool Seen) Check(NoteContent content, ObjectivityCheck check)
    {
        var findings = NoteRules.CheckObjectivity(content, check);
        var fingerprint = NoteRules.Fingerprint(findings);
        return (findings, fingerprint, findings.Count > 0 && FindingsFingerprint == fingerprint);
    }

    /// <summary>Whether the posted confirmation acknowledges the findings the note has now.</summary>
    public bool Acknowledges(bool seen) => seen && FindingsConfirmed;

    /// <summary>
    /// After the service refused the note: its errors on the form, and the findings shown. New findings are shown without an
    /// error (the writer has not seen them yet); findings already shown and not confirmed are an error.
    /// </summary>
    public void ShowRefusal(ModelStateDictionary modelState, IReadOnlyDictionary<string, string> errors, IReadOnlyList<int> stepRows,
        IReadOnlyList<FieldFinding> findings, string fingerprint, bool seen)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(findings);
        var shown = errors.Where(e => e.Key != "findingsAcknowledged" || seen).ToDictionary(e => e.Key, e => e.Value);
        if (shown.ContainsKey("findingsAcknowledged")) shown["findingsAcknowledged"] = "Confirm you have read the findings, or change the words they point to";
        AddServiceErrors(modelState, shown, stepRows);
        FindingsShown = Math.Max(FindingsShown, findings.Count);
        FindingsFingerprint = fingerprint;
        if (!seen) FindingsConfirmed = false;
    }

    public string ToDraftJson() => JsonSerializer.Serialize(WithoutFindings(), JsonSerializerOptions.Web);

    /// <summary>A draft amendment: this form and the reason for amending, as typed.</summary>
    public string ToAmendmentDraftJson(string? reason) =>
        new System.Text.Json.Nodes.JsonObject { ["form"] = System.Text.Json.Nodes.JsonNode.Parse(ToDraftJson()), ["reason"] = reason }.ToJsonString();

    public static (NoteForm Form, string? Reason)? FromAmendmentDraftJson(string json)
    {
        try
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(json);
            var form = node?["form"] is { } f ? FromDraftJson(f.ToJsonString()) : null;
            return form is null ? null : (form, node!["reason"]?.GetValue<string>());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public static NoteForm? FromDraftJson(string json)
    {
        try
        {
            var form = JsonSerializer.Deserialize<NoteForm>(json, JsonSerializerOptions.Web);
            form?.PadSteps();
            return form;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private NoteForm WithoutFindings() => new()
    {
        Type = Type, Day = Day, Month = Month, Year = Year, Time = Time, PresentAndSpokenTo = PresentAndSpokenTo, WhatHappened = WhatHappened,
        WhatWasDone = WhatWasDone, Outcome = Outcome, SafeguardingConcern = SafeguardingConcern, ConfidentialityExplained = ConfidentialityExplained,
        LateEntryReason = LateEntryReason, Steps = Steps.Where(s => s is not null && (!s.IsEmpty || !string.IsNullOrWhiteSpace(s.Owner))).ToList(),
    };

    private static bool HasError(ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;

    private static string StepField(string key, IReadOnlyList<int> stepRows)
    {
        // "nextSteps[1].dueOn" -> the form row that made step 1 -> "Step3Due".
        var close = key.IndexOf(']', StringComparison.Ordinal);
        var index = int.Parse(key[10..close], CultureInfo.InvariantCulture);
        var row = index < stepRows.Count ? stepRows[index] : index;
        var part = key[(close + 2)..] switch
        {
            "owner" => "Owner",
            "externalOwner" => "ExternalOwner",
            "dueOn" => "Due",
            _ => "Action",
        };
        return StepKey(row, part);
    }

    private static DateOnly? ReadDate(string? day, string? month, string? year, string key, string what, ModelStateDictionary errors, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year))
        {
            if (required) errors.AddModelError(key, $"Enter {what}");
            return null;
        }

        if (int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && y is >= 1900 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return new DateOnly(y, m, d);
        }

        errors.AddModelError(key, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be a real date, like 20 11 2026");
        return null;
    }

    private static TimeOnly? ReadTime(string? text, ModelStateDictionary errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.AddModelError("Time", "Enter the time it happened");
            return null;
        }

        var t = text.Trim().Replace('.', ':');
        if (!t.Contains(':', StringComparison.Ordinal) && t.Length is 3 or 4) t = t.Insert(t.Length - 2, ":");
        if (TimeOnly.TryParseExact(t, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        errors.AddModelError("Time", "Time must be a real time on the 24-hour clock, like 14:30");
        return null;
    }
}
