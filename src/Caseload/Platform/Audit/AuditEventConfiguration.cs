using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Platform.Audit;

/// <summary>The columns and indexes of the audit log; the database's append-only triggers are in the Initial migrations.</summary>
public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(x => x.UserName).HasMaxLength(256);
        builder.Property(x => x.Action).HasMaxLength(100);
        builder.Property(x => x.EntityType).HasMaxLength(50);
        builder.Property(x => x.EntityId).HasMaxLength(100);
        builder.Property(x => x.Route).HasMaxLength(300);
        builder.Property(x => x.IpAddress).HasMaxLength(64);
        builder.Property(x => x.Details).HasMaxLength(4000);
        builder.HasIndex(x => x.At);
        builder.HasIndex(x => new { x.CaseId, x.At });
        builder.HasIndex(x => new { x.PersonId, x.At });
        builder.HasIndex(x => new { x.UserName, x.At });
    }
}
