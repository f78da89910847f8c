using System.Text.Encodings.Web;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Worklist;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Caseload.Features.Shared;

/// <summary>GOV.UK form furniture that depends on validation state: error messages, error classes, aria-describedby.</summary>
public static class Gov
{
    public static string? Error(this IHtmlHelper html, string key)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.ViewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
    }

    public static IHtmlContent ErrorMessage(this IHtmlHelper html, string key)
    {
        var message = html.Error(key);
        return message is null
            ? HtmlString.Empty
            : new HtmlString($"<p id=\"{key}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {HtmlEncoder.Default.Encode(message)}</p>");
    }

    public static string GroupClass(this IHtmlHelper html, string key) =>
        html.Error(key) is null ? "govuk-form-group" : "govuk-form-group govuk-form-group--error";

    public static string InputClass(this IHtmlHelper html, string key, string baseClass) =>
        html.Error(key) is null ? baseClass : $"{baseClass} {baseClass}--error";

    public static string? DescribedBy(this IHtmlHelper html, string key, string? hintId = null)
    {
        var ids = new[] { hintId, html.Error(key) is null ? null : $"{key}-error" }.Where(i => i is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>Service errors use the API's camelCase field names; forms use the page's PascalCase names.</summary>
    public static string RiskTagClass(Risk risk) => risk switch
    {
        Risk.Red => "govuk-tag govuk-tag--red",
        Risk.Amber => "govuk-tag govuk-tag--orange",
        Risk.Green => "govuk-tag govuk-tag--green",
        _ => "govuk-tag",
    };

    public static string RiskText(Risk risk) => risk switch
    {
        Risk.Red => "Red risk",
        Risk.Amber => "Amber risk",
        Risk.Green => "Green risk",
        _ => "Unknown",
    };

    /// <summary>A deadline's state as a tag: colour and words, never colour alone.</summary>
    public static (string Class, string Text) DeadlineTag(DeadlineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status switch
        {
            // Due on a weekend or bank holiday, a deadline is overdue the day after by no working days until the next one.
            DeadlineStatus.Overdue when state.WorkingDaysLate == 0 => ("govuk-tag govuk-tag--red", "Overdue"),
            DeadlineStatus.Overdue => ("govuk-tag govuk-tag--red", $"Overdue by {state.WorkingDaysLate} working {(state.WorkingDaysLate == 1 ? "day" : "days")}"),
            DeadlineStatus.DueToday => ("govuk-tag govuk-tag--red", "Due today"),
            DeadlineStatus.DueSoon => ("govuk-tag govuk-tag--orange", $"Due in {state.WorkingDaysLeft} working {(state.WorkingDaysLeft == 1 ? "day" : "days")}"),
            DeadlineStatus.Upcoming => ("govuk-tag govuk-tag--blue", $"Due in {state.WorkingDaysLeft} working days"),
            DeadlineStatus.Met => ("govuk-tag govuk-tag--green", "Met"),
            DeadlineStatus.Missed => ("govuk-tag govuk-tag--grey", "Met late"),
            DeadlineStatus.Paused => ("govuk-tag govuk-tag--grey", "Paused"),
            _ => ("govuk-tag", state.Status.ToString()),
        };
    }

    /// <summary>A worklist priority band as a tag: colour and words, never colour alone.</summary>
    public static string BandClass(PriorityBand band) => band switch
    {
        PriorityBand.Red => "govuk-tag govuk-tag--red",
        PriorityBand.Amber => "govuk-tag govuk-tag--orange",
        _ => "govuk-tag govuk-tag--green",
    };

    public static string BandText(PriorityBand band) => band switch
    {
        PriorityBand.Red => "Red priority",
        PriorityBand.Amber => "Amber priority",
        _ => "Green priority",
    };

    public static string StatusText(CaseStatus status) => status switch
    {
        CaseStatus.Referred => "Referred – awaiting allocation",
        CaseStatus.Open => "Open",
        CaseStatus.Closed => "Closed",
        _ => status.ToString(),
    };
}
