using Caseload.Features.Administration;
using Caseload.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Supervision.Reflections;

/// <summary>The recognised model a reflection follows.</summary>
public enum ReflectionModel
{
    Gibbs = 0,
    Kolb = 1,
}

/// <summary>
/// A practitioner's reflection on their practice, in a recognised model, optionally about one case. Private to its author
/// unless shared with their supervisor chain, who may comment. It never appears on the child's record; the link to the case
/// (and the child) is kept so that a subject access request for that child finds it.
/// </summary>
public sealed class Reflection
{
    public Guid Id { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorUserName { get; set; }
    public required string AuthorName { get; set; }
    public ReflectionModel Model { get; set; }
    public Guid? CaseId { get; set; }
    /// <summary>The child the linked case is about, kept with the link for subject access requests.</summary>
    public Guid? PersonId { get; set; }
    public bool Shared { get; set; }
    public DateTimeOffset? SharedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ReflectionSection> Sections { get; set; } = [];
    public List<ReflectionComment> Comments { get; set; } = [];
}

/// <summary>One section of a reflection's model (Gibbs: description … action plan; Kolb: experience … experimentation).</summary>
public sealed class ReflectionSection
{
    public long Id { get; set; }
    public Guid ReflectionId { get; set; }
    public required string Section { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
}

/// <summary>A comment on a shared reflection, by the author's supervisor (or the author replying).</summary>
public sealed class ReflectionComment
{
    public long Id { get; set; }
    public Guid ReflectionId { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class ReflectionConfiguration : IEntityTypeConfiguration<Reflection>
{
    public void Configure(EntityTypeBuilder<Reflection> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Reflections");
        builder.Property(x => x.AuthorId).HasMaxLength(450);
        builder.Property(x => x.AuthorUserName).HasMaxLength(256);
        builder.Property(x => x.AuthorName).HasMaxLength(256);
        builder.Property(x => x.Model).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<CaseloadUser>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Sections).WithOne().HasForeignKey(x => x.ReflectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Comments).WithOne().HasForeignKey(x => x.ReflectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.AuthorId, x.CreatedAt });
        // A subject access request for a child finds the reflections about them.
        builder.HasIndex(x => x.PersonId);
        builder.HasIndex(x => x.CaseId);
    }
}

public sealed class ReflectionSectionConfiguration : IEntityTypeConfiguration<ReflectionSection>
{
    public void Configure(EntityTypeBuilder<ReflectionSection> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ReflectionSections");
        builder.Property(x => x.Section).HasMaxLength(40);
        builder.Property(x => x.Text).HasMaxLength(ReflectionRules.MaxSectionLength);
        builder.HasIndex(x => new { x.ReflectionId, x.Section }).IsUnique();
    }
}

public sealed class ReflectionCommentConfiguration : IEntityTypeConfiguration<ReflectionComment>
{
    public void Configure(EntityTypeBuilder<ReflectionComment> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ReflectionComments");
        builder.Property(x => x.AuthorId).HasMaxLength(450);
        builder.Property(x => x.AuthorName).HasMaxLength(256);
        builder.Property(x => x.Text).HasMaxLength(ReflectionRules.MaxCommentLength);
    }
}
