using Caseload.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Plans;

/// <summary>Where a plan version stands with its supervisor's approval, in a service that needs one.</summary>
public enum PlanApproval
{
    Pending,
    Approved,
    Returned,
}

/// <summary>
/// A version of a case's plan: SMART goals agreed with the child, young person or family, the actions that get there and when
/// the plan is reviewed. A new plan is a new version; the plan in force is the highest version that needed no approval or was
/// approved (<see cref="PlanQueries.InForce"/>). What was agreed is never edited, so it stays readable; only the approval
/// decision is added to a version awaiting it. Progress is recorded against its goals (<see cref="GoalProgress"/>).
/// </summary>
public sealed class Plan
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>1 for the case's first plan, then 2, 3…: the highest is the plan in force.</summary>
    public int Version { get; set; }
    /// <summary>The UK day the plan was agreed (the day it was recorded).</summary>
    public DateOnly AgreedOn { get; set; }
    public DateOnly ReviewOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    /// <summary>
    /// Null when the plan was in force once agreed (its service needs no approval); else awaiting approval, approved (in force
    /// from <see cref="DecidedAt"/>) or returned with <see cref="DecisionComment"/>. A plan agreed by a supervisor of the case
    /// in such a service is approved as it is agreed: they are its approvers.
    /// </summary>
    public PlanApproval? Approval { get; set; }
    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionComment { get; set; }
    public List<PlanGoal> Goals { get; set; } = [];
    public List<PlanAction> Actions { get; set; } = [];
}

/// <summary>
/// A SMART goal of a plan version: what will be different (in the practitioner's words and the person's own), how it is
/// measured (a 1–10 scale, or a number with a unit), where it starts, where it aims and by when, and who agreed it. What was
/// agreed is never changed; <see cref="LastActivityOn"/>, <see cref="SameScoreRun"/> and <see cref="Status"/> are kept up to
/// date from its progress so drift can be found in SQL.
/// </summary>
public sealed class PlanGoal
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The version of its plan, so "goals of the current plan" is one query.</summary>
    public int PlanVersion { get; set; }
    /// <summary>0-based place in the plan; actions name a goal by it.</summary>
    public int Number { get; set; }
    public required string Description { get; set; }
    public string? PersonsWords { get; set; }
    /// <summary>A code of <see cref="PlanCodes.Measures"/>: scale (1 to 10) or number (with <see cref="Unit"/>).</summary>
    public required string Measure { get; set; }
    public string? Unit { get; set; }
    public decimal Baseline { get; set; }
    public decimal Target { get; set; }
    public DateOnly TargetDate { get; set; }
    public string? AgreedBy { get; set; }
    /// <summary>The newest progress record's day, or the day the plan was agreed while there is none.</summary>
    public DateOnly LastActivityOn { get; set; }
    /// <summary>How many progress records running, newest back, carry the same value (0 with no progress).</summary>
    public int SameScoreRun { get; set; }
    /// <summary>The newest progress record's status; null with no progress.</summary>
    public string? Status { get; set; }
    public List<GoalProgress> Progress { get; set; } = [];
}

/// <summary>An action of a plan version: who does what by when, for which goal. A Caseload user's action is a task on the case.</summary>
public sealed class PlanAction
{
    public long Id { get; set; }
    public Guid PlanId { get; set; }
    public int Number { get; set; }
    public required string Action { get; set; }
    /// <summary>The owner as shown: a Caseload user's display name, or whoever outside Caseload (e.g. "Mum", "School SENCO").</summary>
    public required string Owner { get; set; }
    /// <summary>The Caseload user name when the owner is a user; null for an owner outside Caseload.</summary>
    public string? OwnerUserName { get; set; }
    public Guid? TaskId { get; set; }
    public DateOnly DueOn { get; set; }
    public int? GoalNumber { get; set; }
}

/// <summary>Progress on a goal: when, the score or value, the person's view, the practitioner's comment and the status. Never changed.</summary>
public sealed class GoalProgress
{
    public Guid Id { get; set; }
    public Guid GoalId { get; set; }
    public Guid PlanId { get; set; }
    public Guid CaseId { get; set; }
    public DateOnly RecordedOn { get; set; }
    /// <summary>The score or value; null only when the goal was abandoned without one.</summary>
    public decimal? Value { get; set; }
    public string? PersonsView { get; set; }
    public required string Comment { get; set; }
    /// <summary>A code of <see cref="PlanCodes.Statuses"/>.</summary>
    public required string Status { get; set; }
    /// <summary>Why the goal was abandoned; only with that status.</summary>
    public string? Reason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
}

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Plans");
        builder.Property(p => p.RecordedById).HasMaxLength(450);
        builder.Property(p => p.RecordedByName).HasMaxLength(256);
        builder.Property(p => p.Approval).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.DecidedById).HasMaxLength(450);
        builder.Property(p => p.DecidedByName).HasMaxLength(256);
        builder.Property(p => p.DecisionComment).HasMaxLength(PlanApprovalRules.CommentLength);
        // The supervisors' list of plans awaiting their approval.
        builder.HasIndex(p => p.Approval);
        builder.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Actions).WithOne().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
        // One version number per case: two plans agreed at once cannot both be "the current plan".
        builder.HasIndex(p => new { p.CaseId, p.Version }).IsUnique();
    }
}

public sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("PlanGoals");
        builder.Property(g => g.Description).HasMaxLength(PlanRules.MaxTextLength);
        builder.Property(g => g.PersonsWords).HasMaxLength(PlanRules.MaxTextLength);
        builder.Property(g => g.Measure).HasMaxLength(20);
        builder.Property(g => g.Unit).HasMaxLength(PlanRules.MaxUnitLength);
        builder.Property(g => g.Baseline).HasPrecision(12, 2);
        builder.Property(g => g.Target).HasPrecision(12, 2);
        builder.Property(g => g.AgreedBy).HasMaxLength(PlanRules.MaxNameLength);
        builder.Property(g => g.Status).HasMaxLength(20);
        builder.HasMany(g => g.Progress).WithOne().HasForeignKey(p => p.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(g => new { g.CaseId, g.PlanVersion });
    }
}

public sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("PlanActions");
        builder.Property(a => a.Action).HasMaxLength(PlanRules.MaxTextLength);
        builder.Property(a => a.Owner).HasMaxLength(PlanRules.MaxNameLength);
        builder.Property(a => a.OwnerUserName).HasMaxLength(256);
        builder.HasIndex(a => a.PlanId);
    }
}

public sealed class GoalProgressConfiguration : IEntityTypeConfiguration<GoalProgress>
{
    public void Configure(EntityTypeBuilder<GoalProgress> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("GoalProgress");
        builder.Property(p => p.Value).HasPrecision(12, 2);
        builder.Property(p => p.PersonsView).HasMaxLength(PlanRules.MaxTextLength);
        builder.Property(p => p.Comment).HasMaxLength(PlanRules.MaxTextLength);
        builder.Property(p => p.Status).HasMaxLength(20);
        builder.Property(p => p.Reason).HasMaxLength(PlanRules.MaxTextLength);
        builder.Property(p => p.RecordedById).HasMaxLength(450);
        builder.Property(p => p.RecordedByName).HasMaxLength(256);
        builder.HasIndex(p => p.GoalId);
        builder.HasIndex(p => p.CaseId);
    }
}
