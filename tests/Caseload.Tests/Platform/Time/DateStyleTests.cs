using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Caseload.Platform.Time;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Platform.Time;

/// <summary>
/// One date style everywhere people read dates: <see cref="UkTime.Format(DateOnly)"/> ("2 Dec 2026") and its instant form
/// ("2 Dec 2026, 14:05"). The key pages are scanned for a date written any other way in their visible text (2026-12-02 or
/// 02/12/2026, or with a weekday, Wed 2 Dec); machine values in attributes (time datetime, input values) and the hints that show how to type a date are not text read.
/// (The audit trail's details column is the stored machine record, shown as kept, so it is not scanned.)
/// </summary>
public sealed partial class DateStyleTests(SqliteApp app)
{
    [Fact]
    public async Task Key_pages_show_dates_in_the_one_style_and_no_other()
    {
        Assert.Equal("2 Dec 2026", UkTime.Format(new DateOnly(2026, 12, 2)));
        Assert.Equal("2 Dec 2026, 14:05", UkTime.Format(new DateTimeOffset(2026, 12, 2, 14, 5, 0, TimeSpan.Zero)));
        // September as three letters whatever the platform's culture data says ("Sept" in some versions of en-GB), in summer time.
        Assert.Equal("30 Sep 2026, 10:00", UkTime.Format(new DateTimeOffset(2026, 9, 30, 9, 0, 0, TimeSpan.Zero)));

        var t = await SupervisedTeam.CreateAsync(app);
        var today = UkTime.Today(app.Clock);
        var iso = today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await t.PractitionerApi.PostAsJsonAsync($"/api/v1/cases/{t.CaseId}/deadlines", new { title = "Send the report", dueDate = iso, reason = "Asked by the court" })).EnsureSuccessStatusCode();
        await t.PractitionerApi.CreateNoteAsync(t.CaseId, NoteApi.Note().With("nextSteps", new[] { new { action = "Ring the school", dueOn = iso } }));
        await t.SupervisorApi.CreateCaseAsync(await t.SupervisorApi.CreatePersonAsync("Remy", "Waite"), null);

        var pages = new List<(TestUser User, string Url)>
        {
            (t.Practitioner, "/Worklist"), (t.Practitioner, $"/Cases/{t.CaseId}"), (t.Practitioner, "/Deadlines"), (t.Practitioner, "/Tasks"),
            (t.Practitioner, $"/Cases/{t.CaseId}/Priority"), (t.Supervisor, "/Team"), (t.Supervisor, "/Deadlines?Scope=team"),
            (t.Practitioner, $"/People/{t.PersonId}"),
        };
        var shown = 0;
        foreach (var (user, url) in pages)
        {
            using var browser = await PageClient.SignInAsync(app, user);
            var text = VisibleText(await browser.GetStringAsync(new Uri(url, UriKind.Relative)));
            var stray = StrayDate().Matches(text).Select(m => m.Value).ToList();
            Assert.True(stray.Count == 0, $"{url} shows dates in another style: {string.Join(", ", stray)}");
            shown += OneStyle().Count(text);
        }

        Assert.True(shown >= pages.Count, $"only {shown} dates were found in the one style: the scan is not reading the pages");
    }

    /// <summary>The text a reader sees: tags (with their attributes), scripts and the "for example" hints of date inputs removed.</summary>
    private static string VisibleText(string html) =>
        Tags().Replace(Hints().Replace(Scripts().Replace(html, " "), " "), " ");

    [GeneratedRegex(@"\b(19|20)\d{2}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/(19|20)\d{2}\b|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StrayDate();

    [GeneratedRegex(@"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec) \d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex OneStyle();

    [GeneratedRegex("<script[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Scripts();

    [GeneratedRegex("<div[^>]*class=\"govuk-hint\"[^>]*>[^<]*</div>", RegexOptions.CultureInvariant)]
    private static partial Regex Hints();

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();
}
