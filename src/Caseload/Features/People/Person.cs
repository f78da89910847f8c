namespace Caseload.Features.People;

/// <summary>A child, young person or client. The service's involvement with them is a case.</summary>
public sealed class Person
{
    public Guid Id { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Who recorded the person: they may see the record before any case is opened.</summary>
    public required string CreatedById { get; set; }
    public List<PersonCharacteristic> Characteristics { get; set; } = [];

    /// <summary>A code of <see cref="Sexes"/>; null when not recorded.</summary>
    public string? Sex { get; set; }

    /// <summary>A code of <see cref="Ethnicities"/> ("WBRI"); null when not recorded.</summary>
    public string? Ethnicity { get; set; }

    /// <summary>A UK postcode as <see cref="Postcodes.Normalise"/> writes it; null when not recorded.</summary>
    public string? Postcode { get; set; }

    /// <summary>Optimistic concurrency for changes to the person's details: the API's ETag.</summary>
    public int Version { get; set; }

    public string FullName => $"{GivenName} {FamilyName}";

    public const int SearchNameLength = (PersonRules.MaxNameLength * 2) + 1;

    /// <summary>
    /// The names as person search matches them: lower case, accents folded, punctuation as spaces ("zoë o'brien" is
    /// "zoe o brien"). Derived from the names whenever the person is saved, so it can never disagree with them; stored and
    /// indexed so that search is one narrow column (<see cref="PersonSearch"/>). EF reads it through the getter; the setter
    /// only lets EF materialise the row.
    /// </summary>
    public string SearchName
    {
        get => PersonSearch.Fold($"{GivenName} {FamilyName}") is var folded && folded.Length > SearchNameLength ? folded[..SearchNameLength] : folded;
        private set { _ = value; }
    }
}

public sealed class PersonCharacteristic
{
    public Guid PersonId { get; set; }
    public required string Code { get; set; }
}

/// <summary>A characteristic added to or removed from a person after they were recorded: who, when and why.</summary>
public sealed class PersonCharacteristicChange
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public required string Code { get; set; }
    /// <summary>True when the characteristic was added; false when it was removed.</summary>
    public bool Added { get; set; }
    public required string Reason { get; set; }
    public required string ChangedById { get; set; }
    public required string ChangedByName { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class PersonCharacteristicChangeConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<PersonCharacteristicChange>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<PersonCharacteristicChange> builder)
    {
        builder.Property(x => x.Code).HasMaxLength(50);
        builder.Property(x => x.Reason).HasMaxLength(PersonRules.MaxReasonLength);
        builder.Property(x => x.ChangedById).HasMaxLength(450);
        builder.Property(x => x.ChangedByName).HasMaxLength(256);
        builder.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.PersonId, x.ChangedAt });
    }
}
