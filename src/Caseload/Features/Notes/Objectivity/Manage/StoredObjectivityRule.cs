using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Notes.Objectivity.Manage;

public enum StoredRuleState
{
    /// <summary>A local rule in use, or a built-in rule switched back on.</summary>
    InForce = 0,

    /// <summary>A local rule no longer used. Its versions stay readable.</summary>
    Retired = 1,

    /// <summary>A built-in rule switched off locally (false alarms), with the reason.</summary>
    SwitchedOff = 2,
}

/// <summary>
/// One version of an administrator's objectivity rule, or of a built-in rule's local switch. Never changed once written:
/// a change is a new version with who, when and why; the newest (IsCurrent) is in force. The number is the ETag.
/// </summary>
public sealed class ObjectivityRuleVersion
{
    public int Id { get; set; }
    public required string RuleId { get; set; }
    public int Number { get; set; }
    public bool IsCurrent { get; set; }
    /// <summary>A switch of a built-in rule: only the state and the reason matter; the wording stays the built-in one.</summary>
    public bool BuiltIn { get; set; }
    public StoredRuleState State { get; set; }
    public string? Category { get; set; }
    /// <summary>Phrase patterns, one per line.</summary>
    public string? Phrases { get; set; }
    public string? Exceptions { get; set; }
    public string? Message { get; set; }
    public string? Suggestion { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedById { get; set; }
    public required string ChangedByName { get; set; }
    public required string Reason { get; set; }
}

public sealed class ObjectivityRuleVersionConfiguration : IEntityTypeConfiguration<ObjectivityRuleVersion>
{
    public void Configure(EntityTypeBuilder<ObjectivityRuleVersion> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ObjectivityRuleVersions");
        builder.Property(x => x.RuleId).HasMaxLength(100);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Category).HasMaxLength(20);
        builder.Property(x => x.Phrases).HasMaxLength(4000);
        builder.Property(x => x.Exceptions).HasMaxLength(4000);
        builder.Property(x => x.Message).HasMaxLength(Notes.Objectivity.ObjectivityRuleInputRules.MaxMessageLength);
        builder.Property(x => x.Suggestion).HasMaxLength(Notes.Objectivity.ObjectivityRuleInputRules.MaxSuggestionLength);
        builder.Property(x => x.ChangedById).HasMaxLength(450);
        builder.Property(x => x.ChangedByName).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(ObjectivityRuleService.MaxReasonLength);
        // Two administrators changing the same rule at once: the second version with the same number is refused.
        builder.HasIndex(x => new { x.RuleId, x.Number }).IsUnique();
        builder.HasIndex(x => x.IsCurrent);
    }
}
