using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Platform.Http;

/// <summary>
/// The one mapping of a command's outcome to a page's answer (the API's is <see cref="ApiProblems.From{T}(Outcome{T}, Func{T, IResult})"/>):
/// success goes where the page says; invalid fields and a stale version become GOV.UK errors on the form (null: show the
/// page again); not found is 404 and forbidden 403.
/// </summary>
public static class PageOutcomes
{
    public static IActionResult? Answer<T>(this PageModel page, Outcome<T> outcome, Func<T, IActionResult> ok, Action<T>? stale = null,
        IReadOnlyDictionary<string, string>? rename = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(ok);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                return ok(outcome.Value!);
            case OutcomeKind.Invalid:
                page.ModelState.AddErrors(outcome.Errors, rename);
                return null;
            case OutcomeKind.Stale when stale is not null && outcome.Value is not null:
                stale(outcome.Value);
                return null;
            case OutcomeKind.Stale:
                page.ModelState.AddModelError(string.Empty, outcome.Message ?? "Someone else changed this record while you were working on it. Check it and try again");
                return null;
            case OutcomeKind.Conflict:
                page.ModelState.AddModelError(string.Empty, outcome.Message ?? "This cannot be done now");
                return null;
            case OutcomeKind.Forbidden:
                return page.Forbid();
            case OutcomeKind.NotFound:
                return page.NotFound();
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome));
        }
    }

    /// <summary>A service's field errors on the form's fields (camelCase keys become the page's property names, or as renamed).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string>? rename = null)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (key, message) in errors)
        {
            var field = rename is not null && rename.TryGetValue(key, out var renamed) ? renamed : char.ToUpperInvariant(key[0]) + key[1..];
            modelState.AddModelError(field, message);
        }
    }
}
