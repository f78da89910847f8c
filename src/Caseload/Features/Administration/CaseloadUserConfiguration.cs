using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Administration;

/// <summary>Adds to Identity's own configuration of the user (CaseloadDb applies Identity's first).</summary>
public sealed class CaseloadUserConfiguration : IEntityTypeConfiguration<CaseloadUser>
{
    public void Configure(EntityTypeBuilder<CaseloadUser> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(x => x.DisplayName).HasMaxLength(200);
        builder.HasOne(x => x.Team).WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(x => x.ManagedServices).WithOne().HasForeignKey(x => x.UserId);
    }
}

public sealed class ManagedServiceConfiguration : IEntityTypeConfiguration<ManagedService>
{
    public void Configure(EntityTypeBuilder<ManagedService> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(x => new { x.UserId, x.Service });
        builder.Property(x => x.Service).HasMaxLength(50);
    }
}
