namespace Caseload.Features.Notes;

/// <summary>
/// A case note: the evidence of a contact or event. Its words live in <see cref="Versions"/>; a saved version is never
/// changed, an amendment adds a new one and marks the previous one superseded. A note entered on the wrong case is
/// struck through with a reason, never deleted.
/// </summary>
public sealed class CaseNote
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>
    /// Optimistic concurrency: every amendment and a strike-through increment it; the API exposes it as the ETag and an
    /// amendment must name it.
    /// </summary>
    public int Version { get; set; }
    /// <summary>When the note was first written (server time), and by whom.</summary>
    public DateTimeOffset RecordedAt { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset? StruckThroughAt { get; set; }
    public string? StruckThroughById { get; set; }
    public string? StruckThroughByName { get; set; }
    public string? StruckThroughReason { get; set; }
    public List<CaseNoteVersion> Versions { get; set; } = [];

    public bool IsStruckThrough => StruckThroughAt is not null;

    public CaseNoteVersion Current => Versions.Single(v => v.IsCurrent);
}

/// <summary>One version of a note's content. Immutable once saved, except that it is marked superseded by the next.</summary>
public sealed class CaseNoteVersion
{
    public long Id { get; set; }
    public Guid NoteId { get; set; }
    /// <summary>The note's case, kept here too so search filters by visible cases without a join through the note.</summary>
    public Guid CaseId { get; set; }
    public int Number { get; set; }
    /// <summary>False once an amendment supersedes this version.</summary>
    public bool IsCurrent { get; set; }
    public required string Type { get; set; }
    /// <summary>When the contact or event happened (UTC; shown in UK time).</summary>
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>When this version was written: the server's clock, never the client's.</summary>
    public DateTimeOffset RecordedAt { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public string? PresentAndSpokenTo { get; set; }
    public required string WhatHappened { get; set; }
    public string? WhatWasDone { get; set; }
    /// <summary>The agreed next steps as they were agreed, in words; each also became a task.</summary>
    public string? AgreedNextSteps { get; set; }
    public string? Outcome { get; set; }
    public bool SafeguardingConcern { get; set; }
    public bool ConfidentialityExplained { get; set; }
    public bool IsLateEntry { get; set; }
    public string? LateEntryReason { get; set; }
    /// <summary>Why this version replaced the previous one; null for the first version.</summary>
    public string? AmendmentReason { get; set; }
    /// <summary>How many objectivity findings the writer was shown before saving, and how many the saved words still have.</summary>
    public int FindingsShown { get; set; }
    public int FindingsAtSave { get; set; }
    public ObjectivityReview ObjectivityReview { get; set; }
    /// <summary>The findings the saved words still have, counted by kind (no words).</summary>
    public List<NoteFindingCount> FindingCounts { get; set; } = [];
}

/// <summary>What became of the objectivity check's findings when the note was saved.</summary>
public enum ObjectivityReview
{
    /// <summary>The saved words had no findings and none were shown.</summary>
    NoFindings = 0,

    /// <summary>Findings were shown and the writer changed the words so that none remain.</summary>
    Revised = 1,

    /// <summary>Findings were shown and the writer confirmed they had read them and saved with findings remaining.</summary>
    Accepted = 2,
}

public static class ObjectivityReviewCodes
{
    public static string ToCode(this ObjectivityReview review) => review switch
    {
        ObjectivityReview.NoFindings => "no-findings",
        ObjectivityReview.Revised => "revised",
        ObjectivityReview.Accepted => "accepted",
        _ => throw new ArgumentOutOfRangeException(nameof(review)),
    };
}

/// <summary>A note being written: kept on the server for its author only, and not part of the record until submitted.</summary>
public sealed class NoteDraft
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string AuthorId { get; set; }
    /// <summary>The form's fields as JSON: a draft may be incomplete or invalid, so it is kept as it was typed.</summary>
    public required string Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The kinds of note, as kebab-case codes.</summary>
public static class NoteTypes
{
    public const string HomeVisit = "home-visit";
    public const string OfficeOrSchoolVisit = "office-school-visit";
    public const string PhoneCall = "phone-call";
    public const string VideoCall = "video-call";
    public const string Meeting = "meeting";
    public const string Observation = "observation";
    public const string StrategyDiscussion = "strategy-discussion";
    public const string SupervisionDiscussion = "supervision-discussion";
    public const string EmailOrLetter = "email-letter";
    public const string TextMessage = "text-message";
    public const string Other = "other";

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [HomeVisit] = "Home visit",
        [OfficeOrSchoolVisit] = "Office or school visit",
        [PhoneCall] = "Phone call",
        [VideoCall] = "Video call",
        [Meeting] = "Meeting",
        [Observation] = "Observation",
        [StrategyDiscussion] = "Strategy discussion",
        [SupervisionDiscussion] = "Supervision discussion",
        [EmailOrLetter] = "Email or letter",
        [TextMessage] = "Text message",
        [Other] = "Other",
    };

    /// <summary>Contacts with people, where the note must say who was there or spoken to.</summary>
    public static readonly IReadOnlySet<string> WithPeople = new HashSet<string>(StringComparer.Ordinal)
    {
        HomeVisit, OfficeOrSchoolVisit, PhoneCall, VideoCall, Meeting, StrategyDiscussion, SupervisionDiscussion,
    };

    public static bool IsKnown(string? code) => code is not null && Titles.ContainsKey(code);

    public static string Title(string code) => Titles.TryGetValue(code, out var title) ? title : code;
}

/// <summary>
/// An amendment being written: kept on the server for its author only, not part of the record until saved. It remembers
/// the version it started from, so saving it after someone else amended the note is a conflict, never an overwrite.
/// </summary>
public sealed class NoteAmendmentDraft
{
    public Guid Id { get; set; }
    public Guid NoteId { get; set; }
    public Guid CaseId { get; set; }
    public required string AuthorId { get; set; }
    public int BasedOnVersion { get; set; }
    /// <summary>The form's fields and the reason as JSON, kept as typed.</summary>
    public required string Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
