namespace Caseload.Tests.Journeys;

/// <summary>
/// Every role's main pages fit the screen at 375 px (a phone) and at 1,280 px: wide tables scroll inside their own container,
/// never the whole page. Each page is measured as the browser laid it out: the document must be no wider than the window.
/// </summary>
public sealed class PageWidthJourneyTests(BrowserApp app)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "pat.practitioner", "/Worklist" },
        { "pat.practitioner", "/Cases" },
        { "pat.practitioner", "first-case" },
        { "pat.practitioner", "/Deadlines" },
        { "pat.practitioner", "/Tasks" },
        { "pat.practitioner", "/Notes/Search?q=school" },
        { "sue.supervisor", "/Team" },
        { "sue.supervisor", "/Capacity/Team" },
        { "sue.supervisor", "/Reports/workload" },
        { "max.manager", "/Reports/demand" },
        { "max.manager", "/Reports/Dashboard" },
        { "dee.dpo", "/Audit" },
        { "dee.dpo", "/DataProtection/Retention" },
        { "dee.dpo", "/DataProtection/SubjectAccess" },
        { "dee.dpo", "/DataProtection/Exports" },
        { "ada.admin", "/Admin/Users" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_fits_a_phone_and_a_desktop_without_scrolling_sideways(string user, string path)
    {
        var page = await app.SignInAsync(user);
        if (path == "first-case")
        {
            await page.GotoAsync("/Worklist");
            path = (await page.GetByTestId("worklist").Locator("tbody tr").First.Locator("a.govuk-link").First.GetAttributeAsync("href"))!;
        }

        foreach (var width in new[] { 375, 1280 })
        {
            await page.SetViewportSizeAsync(width, 800);
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path} answered {response.Status} for {user}");
            var measured = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
                () => {
                  const doc = document.documentElement.scrollWidth;
                  const win = window.innerWidth;
                  // What sticks out, to say where to look when the page is too wide.
                  let widest = '';
                  for (const el of document.querySelectorAll('main *')) {
                    const r = el.getBoundingClientRect();
                    if (r.right > win + 1 && !el.closest('.caseload-table-scroll')) { widest = el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right); break; }
                  }
                  return { doc, win, widest };
                }
                """);
            var (document, window, widest) = (measured.GetProperty("doc").GetInt32(), measured.GetProperty("win").GetInt32(), measured.GetProperty("widest").GetString());
            Assert.True(document <= window, $"{path} for {user} is {document} px wide in a {window} px window: {widest}");
        }

        await page.Context.CloseAsync();
    }
}
