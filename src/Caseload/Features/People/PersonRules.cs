namespace Caseload.Features.People;

public static class PersonRules
{
    public const int MaxNameLength = 100;

    /// <summary>Validates a new person; messages follow GOV.UK wording. Keys are the API's field names.</summary>
    public static Dictionary<string, string> Validate(string? givenName, string? familyName, DateOnly? dateOfBirth,
        IReadOnlyCollection<string>? characteristics, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(givenName)) errors["givenName"] = "Enter a given name";
        else if (givenName.Trim().Length > MaxNameLength) errors["givenName"] = $"Given name must be {MaxNameLength} characters or fewer";
        if (string.IsNullOrWhiteSpace(familyName)) errors["familyName"] = "Enter a family name";
        else if (familyName.Trim().Length > MaxNameLength) errors["familyName"] = $"Family name must be {MaxNameLength} characters or fewer";
        if (dateOfBirth is null) errors["dateOfBirth"] = "Enter a date of birth";
        else if (dateOfBirth > today) errors["dateOfBirth"] = "Date of birth must be today or in the past";
        else if (dateOfBirth < today.AddYears(-120)) errors["dateOfBirth"] = "Date of birth must be within the last 120 years";
        var unknown = characteristics?.Where(c => !Characteristics.IsKnown(c)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            errors["characteristics"] = $"Unknown characteristic {string.Join(", ", unknown.Select(u => $"'{u}'"))}; use one of: {string.Join(", ", Characteristics.Titles.Keys)}";
        }

        return errors;
    }
}
