namespace Caseload.Features.Agencies;

/// <summary>A named professional involved with the child, as typed.</summary>
public sealed record ProfessionalInput(string? Name, string? Role, string? Contact);

/// <summary>Who else is involved, as typed: an agency, a named professional, or both.</summary>
public sealed record InvolvementInput(int? AgencyId, ProfessionalInput? Professional, string? Role, DateOnly? From, bool Lead);

/// <summary>Checks an involvement and its ending. Pure.</summary>
public static class InvolvementRules
{
    public const int MaxNameLength = 200;
    public const int MaxContactLength = 500;
    public const int MaxReasonLength = 2000;

    public static Dictionary<string, string> Check(InvolvementInput input, DateOnly personBornOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var professional = input.Professional;
        var named = !string.IsNullOrWhiteSpace(professional?.Name);
        if (input.AgencyId is null && !named) errors["agencyId"] = "Choose an agency or name a professional";
        if (professional is not null)
        {
            if (!named && (!string.IsNullOrWhiteSpace(professional.Role) || !string.IsNullOrWhiteSpace(professional.Contact)))
            {
                errors["professional.name"] = "Enter the professional's name";
            }

            TextField.Optional(errors, "professional.name", professional.Name, "The professional's name", MaxNameLength);
            TextField.Optional(errors, "professional.role", professional.Role, "The professional's job title", MaxNameLength);
            TextField.Optional(errors, "professional.contact", professional.Contact, "How to reach them", MaxContactLength);
        }

        TextField.Required(errors, "role", input.Role, "their role with the child or family", MaxNameLength);
        if (input.From is not { } from) errors["from"] = "Enter the date their involvement began";
        else if (from > today) errors["from"] = "The date their involvement began must be today or in the past";
        else if (from < personBornOn) errors["from"] = "The date their involvement began must be on or after the person's date of birth";
        return errors;
    }

    public static Dictionary<string, string> CheckEnd(DateOnly from, DateOnly? until, string? reason, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (until is not { } end) errors["until"] = "Enter the date their involvement ended";
        else if (end > today) errors["until"] = "The date their involvement ended must be today or in the past";
        else if (end < from) errors["until"] = "The date their involvement ended must be on or after the date it began";
        TextField.Optional(errors, "reason", reason, "The reason", MaxReasonLength);
        return errors;
    }
}
