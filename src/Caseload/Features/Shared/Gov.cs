using System.Text.Encodings.Web;
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
}
