namespace Caseload.Features.People;

public static class PersonRules
{
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 1000;

    /// <summary>Age in whole years on a day (a birthday counts from the day itself; 29 February from 28 February).</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly day) =>
        day.Year - dateOfBirth.Year - (day < dateOfBirth.AddYears(day.Year - dateOfBirth.Year) ? 1 : 0);

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

    /// <summary>
    /// Validates a change of characteristics: known codes, something to change, nothing both added and removed, and the
    /// reason (the fact that changed: "child protection plan made at the conference on 20 Nov").
    /// </summary>
    public static Dictionary<string, string> ValidateChange(IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, string? reason)
    {
        var errors = new Dictionary<string, string>();
        foreach (var (field, codes) in new[] { ("add", add), ("remove", remove) })
        {
            var unknown = codes.Where(c => !Characteristics.IsKnown(c)).ToList();
            if (unknown.Count > 0)
            {
                errors[field] = $"Unknown characteristic {string.Join(", ", unknown.Select(u => $"'{u}'"))}; use one of: {string.Join(", ", Characteristics.Titles.Keys)}";
            }
        }

        if (add.Count == 0 && remove.Count == 0) errors["add"] = "Select a characteristic to add or remove";
        else if (add.Intersect(remove, StringComparer.Ordinal).Any()) errors["remove"] = "A characteristic cannot be both added and removed";
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = "Enter why the characteristics have changed";
        else if (reason.Trim().Length > MaxReasonLength) errors["reason"] = $"Reason must be {MaxReasonLength} characters or fewer";
        return errors;
    }
}
