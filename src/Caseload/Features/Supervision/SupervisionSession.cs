namespace Caseload.Features.Supervision;

/// <summary>How a session was held.</summary>
public enum SupervisionKind
{
    OneToOne = 0,
    Group = 1,
    AdHoc = 2,
}

/// <summary>Where the supervisee stands on the version of the record in force.</summary>
public enum SupervisionStatus
{
    AwaitingAgreement = 0,
    Agreed = 1,
    Disagreed = 2,
}

/// <summary>
/// A supervision session between a supervisor and one supervisee. Its words live in <see cref="Versions"/>: a saved
/// version is never changed; an amendment adds the next one with its reason, and the supervisee agrees (or records
/// disagreement) with the version in force. What the session decided about a case (<see cref="SupervisionCaseDiscussion"/>)
/// is management oversight on that case's record; the supervisee's wellbeing, workload and learning stay with the session.
/// </summary>
public sealed class SupervisionSession
{
    public Guid Id { get; set; }
    public required string PractitionerId { get; set; }
    public required string PractitionerUserName { get; set; }
    public required string PractitionerName { get; set; }
    /// <summary>Who recorded the session first (its supervisor); amendments name their own authors.</summary>
    public required string SupervisorId { get; set; }
    public required string SupervisorName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>Optimistic concurrency: every amendment and every response increments it; the API exposes it as the ETag.</summary>
    public int Version { get; set; }
    /// <summary>The number of the version in force.</summary>
    public int CurrentVersion { get; set; }
    /// <summary>The version in force's date, kind and planned next session, kept here so that lists and due dates read one row per session.</summary>
    public DateOnly OccurredOn { get; set; }
    public SupervisionKind Kind { get; set; }
    public DateOnly? NextSessionOn { get; set; }
    public SupervisionStatus Status { get; set; }
    public List<SupervisionSessionVersion> Versions { get; set; } = [];
    public List<SupervisionResponse> Responses { get; set; } = [];

    public SupervisionSessionVersion Current => Versions.Single(v => v.Number == CurrentVersion);
}

/// <summary>One version of a session's record. Never changed or deleted once saved.</summary>
public sealed class SupervisionSessionVersion
{
    public long Id { get; set; }
    public Guid SessionId { get; set; }
    public int Number { get; set; }
    public DateOnly OccurredOn { get; set; }
    public SupervisionKind Kind { get; set; }
    /// <summary>The supervisee's wellbeing, 1 (struggling) to 5 (thriving), and in words: the emotional load of the caseload.</summary>
    public int? WellbeingRating { get; set; }
    public string? WellbeingNotes { get; set; }
    /// <summary>Workload and capacity as discussed.</summary>
    public string? Workload { get; set; }
    /// <summary>Learning and development.</summary>
    public string? Learning { get; set; }
    public DateOnly? NextSessionOn { get; set; }
    /// <summary>When this version was written (server time), and by whom.</summary>
    public DateTimeOffset RecordedAt { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    /// <summary>Why this version replaced the previous one; null for the first.</summary>
    public string? AmendmentReason { get; set; }
    public List<SupervisionCaseDiscussion> CaseDiscussions { get; set; } = [];
}

/// <summary>
/// What a session discussed and decided about one case: management oversight on the child's record. Listed per case (the
/// case page, and the chronology), so it carries its case, its session's date and who decided. Never changed once saved.
/// </summary>
public sealed class SupervisionCaseDiscussion
{
    public long Id { get; set; }
    public long VersionId { get; set; }
    public Guid SessionId { get; set; }
    public int VersionNumber { get; set; }
    public int Position { get; set; }
    public Guid CaseId { get; set; }
    public DateOnly OccurredOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string DecidedById { get; set; }
    public required string DecidedByName { get; set; }
    public required string Discussion { get; set; }
    public required string Decision { get; set; }
    public required string Rationale { get; set; }
    public List<SupervisionAction> Actions { get; set; } = [];
}

/// <summary>An action agreed in a case discussion; it became the task <see cref="TaskId"/> for its owner.</summary>
public sealed class SupervisionAction
{
    public long Id { get; set; }
    public long DiscussionId { get; set; }
    public int Position { get; set; }
    public required string Action { get; set; }
    public required string OwnerId { get; set; }
    public required string OwnerUserName { get; set; }
    public required string OwnerName { get; set; }
    public DateOnly DueOn { get; set; }
    public Guid TaskId { get; set; }
}

/// <summary>The supervisee's agreement with a version of the record, or their disagreement with a comment. Never changed.</summary>
public sealed class SupervisionResponse
{
    public long Id { get; set; }
    public Guid SessionId { get; set; }
    public int VersionNumber { get; set; }
    public bool Agreed { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ById { get; set; }
    public required string ByName { get; set; }
}

/// <summary>How often a practitioner is to be supervised, as set by their supervisor or an administrator; the newest change is in force.</summary>
public sealed class SupervisionFrequencyChange
{
    public long Id { get; set; }
    public required string PractitionerId { get; set; }
    public int EveryWorkingDays { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedById { get; set; }
    public required string ChangedByName { get; set; }
}

public static class SupervisionCodes
{
    public const string OneToOne = "one-to-one";
    public const string Group = "group";
    public const string AdHoc = "ad-hoc";

    public static readonly IReadOnlyList<string> Kinds = [OneToOne, Group, AdHoc];

    public static string ToCode(this SupervisionKind kind) => kind switch
    {
        SupervisionKind.OneToOne => OneToOne,
        SupervisionKind.Group => Group,
        SupervisionKind.AdHoc => AdHoc,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Title(this SupervisionKind kind) => kind switch
    {
        SupervisionKind.OneToOne => "One-to-one",
        SupervisionKind.Group => "Group",
        SupervisionKind.AdHoc => "Ad hoc",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseKind(string? code, out SupervisionKind kind)
    {
        switch (code?.Trim())
        {
            case OneToOne: kind = SupervisionKind.OneToOne; return true;
            case Group: kind = SupervisionKind.Group; return true;
            case AdHoc: kind = SupervisionKind.AdHoc; return true;
            default: kind = SupervisionKind.OneToOne; return false;
        }
    }

    public static string ToCode(this SupervisionStatus status) => status switch
    {
        SupervisionStatus.AwaitingAgreement => "awaiting-agreement",
        SupervisionStatus.Agreed => "agreed",
        SupervisionStatus.Disagreed => "disagreed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Title(this SupervisionStatus status) => status switch
    {
        SupervisionStatus.AwaitingAgreement => "Awaiting agreement",
        SupervisionStatus.Agreed => "Agreed",
        SupervisionStatus.Disagreed => "Disagreed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string TagClass(this SupervisionStatus status) => status switch
    {
        SupervisionStatus.AwaitingAgreement => "govuk-tag govuk-tag--yellow",
        SupervisionStatus.Agreed => "govuk-tag govuk-tag--green",
        SupervisionStatus.Disagreed => "govuk-tag govuk-tag--red",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
