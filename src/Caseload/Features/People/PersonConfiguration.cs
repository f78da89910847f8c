using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.People;

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(x => x.GivenName).HasMaxLength(PersonRules.MaxNameLength);
        builder.Property(x => x.FamilyName).HasMaxLength(PersonRules.MaxNameLength);
        builder.Property(x => x.CreatedById).HasMaxLength(450);
        builder.Property(x => x.Sex).HasMaxLength(20);
        builder.Property(x => x.Ethnicity).HasMaxLength(10);
        builder.Property(x => x.Postcode).HasMaxLength(10);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasMany(x => x.Characteristics).WithOne().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.FamilyName, x.GivenName });
        builder.Ignore(x => x.FullName);
        builder.Property(x => x.SearchName).HasMaxLength(Person.SearchNameLength);
        // Search by date of birth; by name, PersonSearchSql adds a trigram index on PostgreSQL.
        builder.HasIndex(x => x.DateOfBirth);
    }
}

public sealed class PersonCharacteristicConfiguration : IEntityTypeConfiguration<PersonCharacteristic>
{
    public void Configure(EntityTypeBuilder<PersonCharacteristic> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(x => new { x.PersonId, x.Code });
        builder.Property(x => x.Code).HasMaxLength(50);
    }
}
