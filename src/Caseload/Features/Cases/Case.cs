using Caseload.Features.Administration;
using Caseload.Features.People;

namespace Caseload.Features.Cases;

public enum CaseStatus
{
    Referred = 0,
    Open = 1,
    Closed = 2,
}

/// <summary>A service's involvement with a person: an episode from referral to closure.</summary>
public sealed class Case
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public required string Service { get; set; }
    public CaseStatus Status { get; set; }
    public string? AllocatedToId { get; set; }
    public CaseloadUser? AllocatedTo { get; set; }
    /// <summary>The team that holds the case; its supervisor chain can see it.</summary>
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
    public Risk Risk { get; set; }
    /// <summary>How complex the case is to work; null until assessed, when it counts as medium for capacity.</summary>
    public Complexity? Complexity { get; set; }
    public bool Restricted { get; set; }
    /// <summary>
    /// The open case's weighted points for each of its workers, in tenths of a point, as the capacity scheme stamped
    /// <see cref="WeightStamp"/> weighed it. Derived: kept by Capacity.CaseWeights in the same transaction as every change to
    /// what the scheme weighs, and re-weighed by a background job when the scheme changes; a reader treats a case whose stamp
    /// is not the scheme in force as unweighed and weighs it live, so the stored figure is never shown stale.
    /// </summary>
    public int? WeightTenths { get; set; }
    public string? WeightStamp { get; set; }
    /// <summary>Set when a note records a safeguarding concern; cleared when the risk is re-rated after it.</summary>
    public DateTimeOffset? SafeguardingConcernSince { get; set; }
    public int? ExpectedContactEveryWorkingDays { get; set; }
    /// <summary>
    /// When the person or family was last contacted: the latest occurredAt of the case's current contact notes that are not
    /// struck through. Derived, kept by <see cref="Notes.LastContact"/> in the same transaction as every note change, so the
    /// worklist reads one column instead of every note.
    /// </summary>
    public DateTimeOffset? LastContactAt { get; set; }
    /// <summary>When the case is next due for review (case review in supervision); null when no review date is set.</summary>
    public DateOnly? ReviewDueOn { get; set; }
    public DateOnly ReferredOn { get; set; }
    /// <summary>Where the referral came from: a code of <see cref="ReferralSources.All"/>, when it was recorded.</summary>
    public string? ReferralSource { get; set; }
    public DateOnly? OpenedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? ClosureReason { get; set; }
    /// <summary>The code of the closure reason from the service's list (<see cref="Closure.ClosureReasonList"/>), when one was chosen.</summary>
    public string? ClosureReasonCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: every write increments it; the API exposes it as the ETag.</summary>
    public int Version { get; set; }
    public List<CaseCoWorker> CoWorkers { get; set; } = [];
    public List<CaseRestrictedAccess> RestrictedTo { get; set; } = [];
    public List<RiskChange> RiskHistory { get; set; } = [];
    public List<ComplexityChange> ComplexityHistory { get; set; } = [];
    /// <summary>The outcome of each goal of the plan in force when the case closed.</summary>
    public List<Closure.GoalOutcome> GoalOutcomes { get; set; } = [];
}

/// <summary>A named co-worker who may see the case as well as the allocated practitioner.</summary>
public sealed class CaseCoWorker
{
    public Guid CaseId { get; set; }
    public required string UserId { get; set; }
    public CaseloadUser? User { get; set; }
}

/// <summary>A user named on a restricted case; nobody else may see it.</summary>
public sealed class CaseRestrictedAccess
{
    public Guid CaseId { get; set; }
    public required string UserId { get; set; }
    public CaseloadUser? User { get; set; }
}

public sealed class RiskChange
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public Risk? From { get; set; }
    public Risk To { get; set; }
    public required string ChangedById { get; set; }
    public required string ChangedByName { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A complexity assessment or reassessment, kept as risk changes are: who, when and why.</summary>
public sealed class ComplexityChange
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public Complexity? From { get; set; }
    public Complexity To { get; set; }
    public required string ChangedById { get; set; }
    public required string ChangedByName { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string Reason { get; set; }
}
