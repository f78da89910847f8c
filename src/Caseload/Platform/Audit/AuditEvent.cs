namespace Caseload.Platform.Audit;

/// <summary>
/// Who did what to which record, when and by which route. Append-only: the app never updates or deletes one,
/// and the database refuses it (triggers in the migrations). A list view is one event of entity type
/// <see cref="AuditTrail.ListEntityType"/> whose cases are <see cref="AuditEventCase"/> rows.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public Guid? CaseId { get; set; }
    public Guid? PersonId { get; set; }
    public string? Route { get; set; }
    public string? IpAddress { get; set; }
    public string? Details { get; set; }

    /// <summary>Made under a break-glass grant: the user saw or changed the case by emergency access, not by their relationship to it.</summary>
    public bool BreakGlass { get; set; }
}
