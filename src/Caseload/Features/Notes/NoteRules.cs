using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Caseload.Features.Notes.Objectivity;
using Caseload.Platform.Time;

namespace Caseload.Features.Notes;

/// <summary>An agreed next step as entered: it becomes a task once the note is saved.</summary>
/// <param name="Action">What will be done.</param>
/// <param name="DueOn">The day it is due by.</param>
/// <param name="Owner">User name of the Caseload user who does it, or who follows it up when <paramref name="ExternalOwner"/> does it;
/// blank means the writer of the note.</param>
/// <param name="ExternalOwner">Someone outside Caseload who does it (the parent, the young person, another agency), named in free text.</param>
public sealed record NextStepInput(string? Action, string? Owner, DateOnly? DueOn, string? ExternalOwner = null);

/// <summary>The content of a note or of an amendment, as the writer gave it.</summary>
public sealed record NoteContent(
    string? Type,
    DateTimeOffset? OccurredAt,
    string? PresentAndSpokenTo,
    string? WhatHappened,
    string? WhatWasDone,
    string? Outcome,
    bool SafeguardingConcern,
    bool ConfidentialityExplained,
    string? LateEntryReason,
    IReadOnlyList<NextStepInput>? NextSteps,
    int FindingsShown = 0,
    bool FindingsAcknowledged = false);

/// <summary>An objectivity finding in one field of a note.</summary>
public sealed record FieldFinding(string Field, string Text, ObjectivityFinding Finding)
{
    public string Words => Text.Substring(Finding.Start, Finding.Length);
}

public sealed class NoteOptions
{
    /// <summary>A note written more than this many hours after it happened is a late entry and needs a reason.</summary>
    public double LateEntryAfterHours { get; set; } = 24;
}

/// <summary>The rules a note must meet before it is saved. Pure: the service supplies the clock and the people.</summary>
public static partial class NoteRules
{
    public const int MaxPresentLength = 1_000;
    public const int MaxWhatHappenedLength = 20_000;
    public const int MaxWhatWasDoneLength = 10_000;
    public const int MaxOutcomeLength = 5_000;
    public const int MaxReasonLength = 1_000;
    public const int MaxNextSteps = 10;
    public const int MaxNextStepsTextLength = 8_000;
    public const int MaxDraftLength = 100_000;

    /// <summary>A device clock a little ahead of the server's is not the future.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(2);

    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The fields the objectivity check reads, with the names the API and forms use.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> CheckedFields =
    [
        ("presentAndSpokenTo", "Who was present or spoken to"),
        ("whatHappened", "What happened"),
        ("whatWasDone", "What was done"),
        ("outcome", "Outcome"),
    ];

    public static bool IsLateEntry(DateTimeOffset occurredAt, DateTimeOffset recordedAt, double lateAfterHours) =>
        recordedAt - occurredAt > TimeSpan.FromHours(lateAfterHours);

    /// <summary>
    /// Checks a note's content. <paramref name="firstRecordedAt"/> is when the note was first written (now, for a new note):
    /// a late entry is judged against it, so an amendment does not make a timely note late.
    /// </summary>
    public static Dictionary<string, string> Validate(NoteContent content, DateTimeOffset now, DateTimeOffset firstRecordedAt, double lateAfterHours)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(content.Type)) errors["type"] = "Select the type of note";
        else if (!NoteTypes.IsKnown(content.Type)) errors["type"] = $"Select the type of note: one of {string.Join(", ", NoteTypes.Titles.Keys)}";

        if (content.OccurredAt is not { } occurred) errors["occurredAt"] = "Enter the date and time it happened";
        else if (occurred > now + FutureTolerance) errors["occurredAt"] = "The date and time it happened must be now or in the past";
        else if (occurred < Earliest) errors["occurredAt"] = "The date it happened must be after 1 January 2000";
        else if (IsLateEntry(occurred, firstRecordedAt, lateAfterHours))
        {
            if (string.IsNullOrWhiteSpace(content.LateEntryReason))
            {
                errors["lateEntryReason"] = $"This note is being recorded more than {Hours(lateAfterHours)} after it happened: enter why";
            }
        }

        if (string.IsNullOrWhiteSpace(content.WhatHappened)) errors["whatHappened"] = "Enter what happened";
        if (content.Type is { } type && NoteTypes.WithPeople.Contains(type) && string.IsNullOrWhiteSpace(content.PresentAndSpokenTo))
        {
            errors["presentAndSpokenTo"] = "Enter who was present or spoken to";
        }

        Limit(errors, "presentAndSpokenTo", "Who was present or spoken to", content.PresentAndSpokenTo, MaxPresentLength);
        Limit(errors, "whatHappened", "What happened", content.WhatHappened, MaxWhatHappenedLength);
        Limit(errors, "whatWasDone", "What was done", content.WhatWasDone, MaxWhatWasDoneLength);
        Limit(errors, "outcome", "Outcome", content.Outcome, MaxOutcomeLength);
        Limit(errors, "lateEntryReason", "The reason for the late entry", content.LateEntryReason, MaxReasonLength);

        var steps = content.NextSteps ?? [];
        if (steps.Count > MaxNextSteps) errors["nextSteps"] = $"Enter {MaxNextSteps} next steps or fewer";
        for (var i = 0; i < Math.Min(steps.Count, MaxNextSteps); i++)
        {
            var step = steps[i];
            var key = $"nextSteps[{i}]";
            if (string.IsNullOrWhiteSpace(step.Action)) errors[$"{key}.action"] = $"Enter next step {i + 1}: what will be done";
            else Limit(errors, $"{key}.action", $"Next step {i + 1}", step.Action, Tasks.TaskRules.MaxActionLength);
            Limit(errors, $"{key}.externalOwner", $"Who outside Caseload will do next step {i + 1}", step.ExternalOwner, Tasks.TaskRules.MaxExternalOwnerLength);
            if (step.DueOn is not { } due) errors[$"{key}.dueOn"] = $"Enter the date next step {i + 1} is due by";
            else if (content.OccurredAt is { } when && due < UkTime.DateOf(when))
            {
                errors[$"{key}.dueOn"] = $"The due date of next step {i + 1} must be on or after the day the note is about";
            }
            else if (due > UkTime.DateOf(now).AddYears(2))
            {
                errors[$"{key}.dueOn"] = $"The due date of next step {i + 1} must be within 2 years";
            }
        }

        return errors;
    }

    public static string? ValidateReason(string? reason, string missing)
    {
        if (string.IsNullOrWhiteSpace(reason)) return missing;
        return reason.Trim().Length > MaxReasonLength ? $"The reason must be {MaxReasonLength:N0} characters or fewer" : null;
    }

    /// <summary>Every objectivity finding in the fields the check reads, field by field.</summary>
    public static IReadOnlyList<FieldFinding> CheckObjectivity(NoteContent content, ObjectivityCheck check)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(check);
        var all = new List<FieldFinding>();
        foreach (var (field, _) in CheckedFields)
        {
            var text = Field(content, field);
            if (string.IsNullOrWhiteSpace(text)) continue;
            all.AddRange(check.Check(text).Select(f => new FieldFinding(field, text, f)));
        }

        return all;
    }

    /// <summary>The check advises, it does not censor: findings that remain need the writer's confirmation that they read them.</summary>
    public static ObjectivityReview Review(int findingsShown, int findingsAtSave) =>
        findingsAtSave > 0 ? ObjectivityReview.Accepted : findingsShown > 0 ? ObjectivityReview.Revised : ObjectivityReview.NoFindings;

    /// <summary>A short, stable fingerprint of a set of findings, so a form knows whether the writer has seen these ones.</summary>
    public static string Fingerprint(IReadOnlyList<FieldFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0) return "";
        var text = string.Join("\n", findings.Select(f => $"{f.Field}|{f.Finding.RuleId}|{f.Words}"));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>The agreed next steps in words, as they stand in the record.</summary>
    public static string? NextStepsText(IEnumerable<(string Action, string OwnerName, DateOnly DueOn)> steps) =>
        NextStepsText(steps.Select(s => (s.Action, s.OwnerName, s.DueOn, (string?)null)));

    /// <summary>As above; a step someone outside Caseload does names them, and who follows it up.</summary>
    public static string? NextStepsText(IEnumerable<(string Action, string OwnerName, DateOnly DueOn, string? ExternalOwner)> steps)
    {
        var lines = steps.Select(s => s.ExternalOwner is { } external
            ? $"{s.Action.Trim()} ({external.Trim()}, followed up by {s.OwnerName}, by {UkTime.Format(s.DueOn)})"
            : $"{s.Action.Trim()} ({s.OwnerName}, by {UkTime.Format(s.DueOn)})").ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    /// <summary>
    /// An instant from the API: ISO 8601 date and time, with an offset or Z; without one it is UK local time.
    /// </summary>
    public static bool TryParseInstant(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(value) || !IsoDateTime().IsMatch(value)) return false;
        if (value.EndsWith('Z') || OffsetSuffix().IsMatch(value))
        {
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
            instant = parsed.ToUniversalTime();
            return true;
        }

        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        return TryFromUkLocal(local, out instant);
    }

    /// <summary>A UK wall-clock time as an instant. A time skipped when the clocks go forward is not a real time.</summary>
    public static bool TryFromUkLocal(DateTime local, out DateTimeOffset instant)
    {
        instant = default;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (UkTime.Zone.IsInvalidTime(unspecified)) return false;
        instant = new DateTimeOffset(unspecified, UkTime.Zone.GetUtcOffset(unspecified)).ToUniversalTime();
        return true;
    }

    public static string? Field(NoteContent content, string field)
    {
        ArgumentNullException.ThrowIfNull(content);
        return field switch
        {
            "presentAndSpokenTo" => content.PresentAndSpokenTo,
            "whatHappened" => content.WhatHappened,
            "whatWasDone" => content.WhatWasDone,
            "outcome" => content.Outcome,
            _ => null,
        };
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");

    private static string Hours(double hours) => hours == 1 ? "1 hour" : $"{hours.ToString("0.##", CultureInfo.InvariantCulture)} hours";

    private static void Limit(Dictionary<string, string> errors, string key, string label, string? value, int max)
    {
        if (errors.ContainsKey(key) || value is null) return;
        if (value.Trim().ReplaceLineEndings("\n").Length > max) errors[key] = $"{label} must be {max:N0} characters or fewer";
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"[+-]\d{2}:\d{2}$")]
    private static partial Regex OffsetSuffix();

    /// <summary>
    /// A version of a note from the content as written: cleaned text, the late-entry mark (judged against when the note
    /// was first recorded) and what the objectivity check showed and what was saved. The one place a version is built.
    /// </summary>
    public static CaseNoteVersion NewVersion(CaseNote note, int number, NoteContent content, DateTimeOffset recordedAt, DateTimeOffset firstRecordedAt,
        (string Id, string Name) author, string? nextSteps, string? reason, double lateEntryAfterHours, int findingsShown = 0, int findingsAtSave = 0)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(content);
        var occurred = content.OccurredAt!.Value.ToUniversalTime();
        var late = IsLateEntry(occurred, firstRecordedAt, lateEntryAfterHours);
        var shown = Math.Max(findingsShown, findingsAtSave);
        return new CaseNoteVersion
        {
            NoteId = note.Id,
            CaseId = note.CaseId,
            Number = number,
            IsCurrent = true,
            Type = content.Type!,
            OccurredAt = occurred,
            RecordedAt = recordedAt,
            AuthorId = author.Id,
            AuthorName = author.Name,
            PresentAndSpokenTo = Clean(content.PresentAndSpokenTo),
            WhatHappened = Clean(content.WhatHappened)!,
            WhatWasDone = Clean(content.WhatWasDone),
            AgreedNextSteps = nextSteps,
            Outcome = Clean(content.Outcome),
            SafeguardingConcern = content.SafeguardingConcern,
            ConfidentialityExplained = content.ConfidentialityExplained,
            IsLateEntry = late,
            LateEntryReason = late ? Clean(content.LateEntryReason) : null,
            AmendmentReason = reason,
            FindingsShown = shown,
            FindingsAtSave = findingsAtSave,
            ObjectivityReview = Review(shown, findingsAtSave),
        };
    }
}
