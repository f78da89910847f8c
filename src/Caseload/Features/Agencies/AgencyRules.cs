using System.Net.Mail;

namespace Caseload.Features.Agencies;

/// <summary>What an administrator types for an agency, as typed.</summary>
public sealed record AgencyInput(string? Name, string? Kind, string? Phone, string? Email, string? Address, string? SecureEmail);

/// <summary>Checks an agency's details. Pure.</summary>
public static class AgencyRules
{
    public const int MaxNameLength = 200;
    public const int MaxContactLength = 254;
    public const int MaxAddressLength = 500;

    public static Dictionary<string, string> Check(AgencyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        TextField.Required(errors, "name", input.Name, "the agency's name", MaxNameLength);
        if (string.IsNullOrWhiteSpace(input.Kind)) errors["kind"] = "Select the kind of agency";
        else if (!AgencyKinds.IsKnown(input.Kind.Trim())) errors["kind"] = $"The kind must be one of: {string.Join(", ", AgencyKinds.Codes)}";
        TextField.Optional(errors, "phone", input.Phone, "The phone number", MaxContactLength);
        TextField.Optional(errors, "address", input.Address, "The address", MaxAddressLength);
        Email(errors, "email", input.Email, "The email address");
        Email(errors, "secureEmail", input.SecureEmail, "The secure email address");
        return errors;
    }

    private static void Email(Dictionary<string, string> errors, string field, string? value, string label)
    {
        TextField.Optional(errors, field, value, label, MaxContactLength);
        if (errors.ContainsKey(field) || string.IsNullOrWhiteSpace(value)) return;
        var trimmed = value.Trim();
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !trimmed.Contains('.', StringComparison.Ordinal))
        {
            errors[field] = $"{label} must be an email address, like name@example.gov.uk";
        }
    }
}

/// <summary>Text checks the agencies forms share, in GOV.UK wording. Pure.</summary>
internal static class TextField
{
    /// <summary>Required text: "Enter {what}", at most <paramref name="max"/> characters, no NUL.</summary>
    public static void Required(Dictionary<string, string> errors, string field, string? value, string what, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = $"Enter {what}";
        else Optional(errors, field, value, char.ToUpperInvariant(what[0]) + what[1..], max);
    }

    public static void Optional(Dictionary<string, string> errors, string field, string? value, string label, int max)
    {
        if (value is null) return;
        if (value.Contains('\0', StringComparison.Ordinal)) errors[field] = $"{label} contains a character that cannot be stored: remove it";
        else if (value.Trim().Length > max) errors[field] = $"{label} must be {max} characters or fewer";
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
