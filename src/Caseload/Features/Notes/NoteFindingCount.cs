using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Notes;

/// <summary>
/// How many objectivity findings of one kind a saved version of a note still had: counts by kind, never the words found, so the
/// recording report can say which kinds of non-objective language are saved without reading any note. Written with its version.
/// </summary>
public sealed class NoteFindingCount
{
    public long VersionId { get; set; }
    /// <summary>A code of <see cref="Objectivity.ObjectivityCategoryCodes.All"/>.</summary>
    public required string Category { get; set; }
    public int Count { get; set; }

    /// <summary>The findings of a version grouped by their kind, in the order of the categories.</summary>
    public static List<NoteFindingCount> Of(IEnumerable<FieldFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.GroupBy(f => f.Finding.Category).OrderBy(g => g.Key)
            .Select(g => new NoteFindingCount { Category = Objectivity.ObjectivityCategoryCodes.ToCode(g.Key), Count = g.Count() }).ToList();
    }
}

public sealed class NoteFindingCountConfiguration : IEntityTypeConfiguration<NoteFindingCount>
{
    public void Configure(EntityTypeBuilder<NoteFindingCount> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CaseNoteFindingCounts");
        builder.HasKey(x => new { x.VersionId, x.Category });
        builder.Property(x => x.Category).HasMaxLength(40);
        builder.HasOne<CaseNoteVersion>().WithMany(v => v.FindingCounts).HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
