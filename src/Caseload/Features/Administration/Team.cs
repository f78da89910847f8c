namespace Caseload.Features.Administration;

/// <summary>A team of practitioners with its supervisor; a parent team makes the supervisor chain.</summary>
public sealed class Team
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? SupervisorId { get; set; }
    public CaseloadUser? Supervisor { get; set; }
    public int? ParentTeamId { get; set; }
    public Team? ParentTeam { get; set; }
}
