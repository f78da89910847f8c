using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Capacity.Escalations;

public enum EscalationStatus { Open, Closed }

/// <summary>
/// A capacity concern about one practitioner: raised in words by them or their supervisor, or by the system when a change put
/// them over capacity. It keeps the figures at the time, goes to the practitioner's line manager and up the chain while
/// unanswered (each step in <see cref="Steps"/>), and closes with the recipient's decision, rationale and actions.
/// </summary>
public sealed class CapacityEscalation
{
    public Guid Id { get; set; }
    public required string PractitionerId { get; set; }
    public required string PractitionerUserName { get; set; }
    public required string PractitionerName { get; set; }
    /// <summary>Who raised it; null when the system raised it after a change.</summary>
    public string? RaisedById { get; set; }
    public required string RaisedByName { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public required string Reason { get; set; }
    public decimal LoadPoints { get; set; }
    public decimal CapacityPoints { get; set; }
    public decimal? Utilisation { get; set; }
    public required string Band { get; set; }
    public EscalationStatus Status { get; set; }
    public string? RecipientId { get; set; }
    public string? RecipientName { get; set; }
    /// <summary>The last day the current recipient has to answer before it goes up the chain; null when nobody is higher.</summary>
    public DateOnly? RespondBy { get; set; }
    public string? Decision { get; set; }
    public string? Rationale { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    public string? RespondedByName { get; set; }
    public Guid? AdjustmentId { get; set; }
    public int Version { get; set; }
    public List<EscalationStep> Steps { get; set; } = [];
    public List<EscalationAction> Actions { get; set; } = [];
}

/// <summary>One step of an escalation's route: to whom it went, when, and why.</summary>
public sealed class EscalationStep
{
    public long Id { get; set; }
    public Guid EscalationId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ToId { get; set; }
    public string? ToName { get; set; }
    public required string Why { get; set; }
}

/// <summary>
/// An action agreed in a response: a task for its owner, with its due date, on their "My tasks" beside their case tasks (it has
/// no case), closed by the owner as done or not done with what came of it.
/// </summary>
public sealed class EscalationAction
{
    public long Id { get; set; }
    /// <summary>The action's id as a task: My tasks, the tasks API and the outcome routes name it by this.</summary>
    public Guid TaskId { get; set; }
    public Guid EscalationId { get; set; }
    public required string Action { get; set; }
    public required string OwnerId { get; set; }
    public required string OwnerName { get; set; }
    public DateOnly DueOn { get; set; }
    public Tasks.CaseTaskStatus Status { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedByName { get; set; }
    /// <summary>What came of it: what was done, or why it was not.</summary>
    public string? Outcome { get; set; }
    public int Version { get; set; }
}

public static class EscalationLimits
{
    public const int ReasonLength = 4000;
    public const int RationaleLength = 4000;
    public const int ActionLength = 500;
    public const int MaxActions = 20;
}

public sealed class CapacityEscalationConfiguration : IEntityTypeConfiguration<CapacityEscalation>
{
    public void Configure(EntityTypeBuilder<CapacityEscalation> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CapacityEscalations");
        builder.Property(x => x.PractitionerUserName).HasMaxLength(256);
        builder.Property(x => x.PractitionerName).HasMaxLength(256);
        builder.Property(x => x.RaisedByName).HasMaxLength(256);
        builder.Property(x => x.RecipientName).HasMaxLength(256);
        builder.Property(x => x.RespondedByName).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(EscalationLimits.ReasonLength);
        builder.Property(x => x.Rationale).HasMaxLength(EscalationLimits.RationaleLength);
        builder.Property(x => x.Band).HasMaxLength(10);
        builder.Property(x => x.Decision).HasMaxLength(30);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.LoadPoints).HasPrecision(8, 1);
        builder.Property(x => x.CapacityPoints).HasPrecision(8, 1);
        builder.Property(x => x.Utilisation).HasPrecision(8, 3);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.PractitionerId, x.Status });
        builder.HasIndex(x => new { x.RecipientId, x.Status });
        builder.HasIndex(x => new { x.Status, x.RespondBy });
        builder.HasOne<Administration.CaseloadUser>().WithMany().HasForeignKey(x => x.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.EscalationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Actions).WithOne().HasForeignKey(s => s.EscalationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EscalationStepConfiguration : IEntityTypeConfiguration<EscalationStep>
{
    public void Configure(EntityTypeBuilder<EscalationStep> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CapacityEscalationSteps");
        builder.Property(x => x.ToName).HasMaxLength(256);
        builder.Property(x => x.Why).HasMaxLength(1000);
        builder.HasIndex(x => x.ToId);
    }
}

public sealed class EscalationActionConfiguration : IEntityTypeConfiguration<EscalationAction>
{
    public void Configure(EntityTypeBuilder<EscalationAction> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CapacityEscalationActions");
        builder.Property(x => x.Action).HasMaxLength(EscalationLimits.ActionLength);
        builder.Property(x => x.OwnerName).HasMaxLength(256);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.ClosedByName).HasMaxLength(256);
        builder.Property(x => x.Outcome).HasMaxLength(Tasks.TaskRules.MaxOutcomeLength);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => x.TaskId).IsUnique();
        // "My tasks" lists an owner's open actions by due date.
        builder.HasIndex(x => new { x.OwnerId, x.Status, x.DueOn });
    }
}
