namespace Caseload.Features.Tasks;

public enum CaseTaskStatus
{
    Open = 0,
    Done = 1,
    NotDone = 2,
}

/// <summary>
/// An action agreed for a case, with an owner and a due date. Usually an agreed next step of a case note; whether it was
/// done or not is itself recorded, with the outcome, by whom and when.
/// </summary>
public sealed class CaseTask
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The note whose agreed next steps made this task.</summary>
    public Guid? NoteId { get; set; }
    public required string Action { get; set; }
    public required string OwnerId { get; set; }
    public required string OwnerName { get; set; }
    /// <summary>
    /// Someone outside Caseload who does it (the parent, the young person, another agency), as the writer named them; the owner
    /// above then follows it up. Null when the owner does it.
    /// </summary>
    public string? ExternalOwner { get; set; }
    public DateOnly DueOn { get; set; }
    public CaseTaskStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedById { get; set; }
    public string? ClosedByName { get; set; }
    /// <summary>What came of it: what was done, or why it was not.</summary>
    public string? Outcome { get; set; }
    public int Version { get; set; }
}

/// <summary>A task handed from one owner to another, with who did it, when and why. Never changed or deleted.</summary>
public sealed class CaseTaskReassignment
{
    public long Id { get; set; }
    public Guid TaskId { get; set; }
    public Guid CaseId { get; set; }
    public required string FromOwnerId { get; set; }
    public required string FromOwnerName { get; set; }
    public required string ToOwnerId { get; set; }
    public required string ToOwnerName { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ById { get; set; }
    public required string ByName { get; set; }
    public required string Reason { get; set; }
}

public static class CaseTaskStatusCodes
{
    public static string ToCode(this CaseTaskStatus status) => status switch
    {
        CaseTaskStatus.Open => "open",
        CaseTaskStatus.Done => "done",
        CaseTaskStatus.NotDone => "not-done",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Title(this CaseTaskStatus status) => status switch
    {
        CaseTaskStatus.Open => "Open",
        CaseTaskStatus.Done => "Done",
        CaseTaskStatus.NotDone => "Not done",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParseClosed(string? code, out CaseTaskStatus status)
    {
        switch (code)
        {
            case "done": status = CaseTaskStatus.Done; return true;
            case "not-done": status = CaseTaskStatus.NotDone; return true;
            default: status = CaseTaskStatus.Open; return false;
        }
    }
}
