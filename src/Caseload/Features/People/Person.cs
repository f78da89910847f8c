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

    public string FullName => $"{GivenName} {FamilyName}";
}

public sealed class PersonCharacteristic
{
    public Guid PersonId { get; set; }
    public required string Code { get; set; }
}
