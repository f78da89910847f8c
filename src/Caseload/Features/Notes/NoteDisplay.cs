using System.Text;
using System.Text.Encodings.Web;
using Caseload.Features.Notes.Objectivity;
using Microsoft.AspNetCore.Html;

namespace Caseload.Features.Notes;

/// <summary>A person who may own a next step, for the note form's list.</summary>
public sealed record OwnerOption(string UserName, string DisplayName);

/// <summary>What the note form partial needs besides the form itself.</summary>
public sealed record NoteFieldsView(NoteForm Form, IReadOnlyList<OwnerOption> Owners, IReadOnlyList<FieldFinding> Findings, double LateEntryAfterHours,
    string? ExistingNextSteps = null)
{
    /// <summary>The page's address, for the buttons that add or remove a next-step row (a round trip that works without JavaScript).</summary>
    public string FormAction { get; init; } = "";

    /// <summary>The row just added, whose first field takes the focus, as the MOJ add-another pattern moves it.</summary>
    public int? FocusStep { get; init; }
}

/// <summary>How notes and findings read on the page.</summary>
public static class NoteDisplay
{
    public static string CategoryTitle(ObjectivityCategory category) => category switch
    {
        ObjectivityCategory.Judgement => "Judgement",
        ObjectivityCategory.Certainty => "Certainty without evidence",
        ObjectivityCategory.Speculation => "Speculation",
        ObjectivityCategory.ValueLaden => "Value-laden words",
        ObjectivityCategory.Generalisation => "Generalisation",
        ObjectivityCategory.Prediction => "Prediction",
        ObjectivityCategory.FavourableJudgement => "Favourable judgement",
        _ => category.ToString(),
    };

    /// <summary>The id of the form field a finding is in ("whatHappened" is the textarea "WhatHappened").</summary>
    public static string FieldId(string field) =>
        string.IsNullOrEmpty(field) ? field : char.ToUpperInvariant(field[0]) + field[1..];

    public static string FieldLabel(string field) =>
        NoteRules.CheckedFields.FirstOrDefault(f => f.Field == field).Label ?? field;

    /// <summary>The words of a finding in their context, the words themselves marked.</summary>
    public static IHtmlContent Excerpt(FieldFinding finding, int context = 60)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var text = finding.Text;
        var start = finding.Finding.Start;
        var end = start + finding.Finding.Length;
        var from = Math.Max(0, start - context);
        var to = Math.Min(text.Length, end + context);
        while (from > 0 && from < start && !char.IsWhiteSpace(text[from - 1])) from++;
        while (to < text.Length && to > end && !char.IsWhiteSpace(text[to])) to--;
        var html = new StringBuilder();
        if (from > 0) html.Append('…');
        html.Append(HtmlEncoder.Default.Encode(text[from..start].ReplaceLineEndings(" ")));
        html.Append("<mark>").Append(HtmlEncoder.Default.Encode(text[start..end])).Append("</mark>");
        html.Append(HtmlEncoder.Default.Encode(text[end..to].ReplaceLineEndings(" ")));
        if (to < text.Length) html.Append('…');
        return new HtmlString(html.ToString());
    }

    /// <summary>A note's text as paragraphs, as it was written.</summary>
    public static IHtmlContent Paragraphs(string? text, string cssClass = "govuk-body")
    {
        if (string.IsNullOrWhiteSpace(text)) return HtmlString.Empty;
        var html = new StringBuilder();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p class=\"").Append(cssClass).Append("\">")
                .Append(string.Join("<br>", paragraph.Split('\n').Select(line => HtmlEncoder.Default.Encode(line))))
                .Append("</p>");
        }

        return new HtmlString(html.ToString());
    }

    public static string ReviewText(ObjectivityReview review, int shown, int atSave) => review switch
    {
        ObjectivityReview.NoFindings => "No findings",
        ObjectivityReview.Revised => $"{shown} {(shown == 1 ? "finding" : "findings")} shown; the note was revised",
        ObjectivityReview.Accepted => $"{shown} {(shown == 1 ? "finding" : "findings")} shown; saved with {atSave} after the writer confirmed reading them",
        _ => review.ToString(),
    };
}
