using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>Reading the dates typed on the subject access pages (2026-11-23 or 23/11/2026), with the GOV.UK error when one is not a date.</summary>
public static class SubjectAccessForms
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d M yyyy"];

    public static DateOnly? Day(ModelStateDictionary state, string field, string? text, string what, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) state.AddModelError(field, $"Enter {what}");
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        state.AddModelError(field, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be a real date, like 2026-11-23");
        return null;
    }
}
