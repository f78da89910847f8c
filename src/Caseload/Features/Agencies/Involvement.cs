using Caseload.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Agencies;

/// <summary>
/// Someone else involved with the child or family on this case (the team around the child): an agency from the directory,
/// a named professional, or a named professional at an agency; their role, from when and until when, and whether they are
/// the lead professional. At most one involvement of a case is the lead at a time (a unique index says so too).
/// </summary>
public sealed class Involvement
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int? AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public string? ProfessionalName { get; set; }
    public string? ProfessionalRole { get; set; }
    public string? ProfessionalContact { get; set; }
    /// <summary>What they do for the child or family: "school nurse", "family support worker".</summary>
    public required string Role { get; set; }
    public DateOnly From { get; set; }
    /// <summary>The day the involvement ended; null while it goes on.</summary>
    public DateOnly? Until { get; set; }
    public string? EndReason { get; set; }
    /// <summary>The current lead professional. Cleared when the involvement ends or another becomes the lead.</summary>
    public bool Lead { get; set; }
    /// <summary>The day this involvement stopped being the lead, when it was one.</summary>
    public DateOnly? LeadEndedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public int Version { get; set; } = 1;

    public bool IsCurrent => Until is null;

    /// <summary>Who is involved, in one line: "Dr Amy Shah (GP), Riverside Surgery".</summary>
    public string Who => (ProfessionalName, Agency?.Name) switch
    {
        ({ } name, { } agency) => $"{name}{(ProfessionalRole is { } r ? $" ({r})" : "")}, {agency}",
        ({ } name, null) => $"{name}{(ProfessionalRole is { } r ? $" ({r})" : "")}",
        (null, { } agency) => agency,
        _ => "Unknown",
    };
}

public sealed class InvolvementConfiguration : IEntityTypeConfiguration<Involvement>
{
    public void Configure(EntityTypeBuilder<Involvement> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Involvements");
        builder.Property(i => i.ProfessionalName).HasMaxLength(InvolvementRules.MaxNameLength);
        builder.Property(i => i.ProfessionalRole).HasMaxLength(InvolvementRules.MaxNameLength);
        builder.Property(i => i.ProfessionalContact).HasMaxLength(InvolvementRules.MaxContactLength);
        builder.Property(i => i.Role).HasMaxLength(InvolvementRules.MaxNameLength);
        builder.Property(i => i.EndReason).HasMaxLength(InvolvementRules.MaxReasonLength);
        builder.Property(i => i.RecordedById).HasMaxLength(450);
        builder.Property(i => i.RecordedByName).HasMaxLength(256);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Agency).WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.CaseId);
        // One lead professional per case: two leads set at the same moment cannot both be saved. "Lead" alone is true on
        // PostgreSQL (boolean) and on SQLite (1).
        builder.HasIndex([nameof(Involvement.CaseId)], "IX_Involvements_CaseId_Lead").IsUnique().HasFilter("\"Lead\"");
    }
}
