using System.Net;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Caseload.Tests.Journeys.BrowserApp))]

namespace Caseload.Tests.Journeys;

/// <summary>
/// The app on real Kestrel with the demo authority loaded (as scripts/run starts it), and one shared headless Chromium.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string DemoPassword = "Demo-Caseload-2026!";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "caseload-browser", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public FakeTimeProvider Clock { get; } = new(CaseloadApp.Start);

    /// <summary>The app's services, for a journey to run background work its clock (standing still) would not start.</summary>
    public IServiceProvider Services => _factory!.Services;

    public async ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("CASELOAD_DATA_DIR", _dataDirectory);
            b.UseSetting("DemoData:Enabled", "true");
            // The journeys' clock stands still, so every sign-in of the whole run falls in one rate-limit window: the limits
            // (tested on their own in the sign-in tests) are lifted here so that the number of journeys cannot lock a demo user out.
            b.UseSetting("SignIn:AttemptsPerClient", "100000");
            b.UseSetting("SignIn:AttemptsPerAccount", "100000");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        });
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>
    /// A fresh browser context (its own cookies) that records every Content-Security-Policy violation on its pages, for
    /// <see cref="Axe.CheckAsync"/> to report. The recorder is an init script, which the browser runs outside the page's policy.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl });
        await context.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber))");
        return context;
    }

    /// <summary>A fresh browser context (its own cookies) signed in as a demo user.</summary>
    public async Task<IPage> SignInAsync(string userName)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.ArrivesAtAsync(url => !url.Contains("/Account/SignIn", StringComparison.Ordinal));
        return page;
    }
}

public static class PageArrival
{
    /// <summary>
    /// Waits until the page has moved to a URL and its document has loaded, judged in the page itself. Playwright's own
    /// wait for the load event after a redirect now and then missed an event that had already fired (it timed out with
    /// the page loaded, seen when the machine was busy), so only the commit is taken from its lifecycle events.
    /// </summary>
    public static async Task ArrivesAtAsync(this IPage page, Func<string, bool> url)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.HasLoadedAsync();
    }

    /// <summary>Waits until the page's document has loaded and has its main region, judged in the page itself.</summary>
    public static async Task HasLoadedAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForFunctionAsync("() => document.readyState === 'complete' && document.querySelector('main') !== null", null, new() { PollingInterval = 50 });
    }

    public static Task ArrivesAtAsync(this IPage page, string path) =>
        page.ArrivesAtAsync(url => new Uri(url).PathAndQuery.EndsWith(path, StringComparison.Ordinal));
}

/// <summary>WCAG 2.2 AA checks with axe-core on the page as it stands.</summary>
public static class Axe
{
    private static readonly string Script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js"));

    public static async Task CheckAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // A click that navigates returns once the new page starts loading: check the page once it has loaded, not halfway.
        await page.HasLoadedAsync();
        // For reviewing pages by eye: CASELOAD_SCREENSHOTS=<folder> keeps a screenshot of every page checked.
        if (Environment.GetEnvironmentVariable("CASELOAD_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            var name = new Uri(page.Url).AbsolutePath.Trim('/').Replace('/', '_');
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{(name.Length == 0 ? "home" : name)}-{Guid.NewGuid():N}"[..Math.Min(60, name.Length + 9)] + ".png"), FullPage = true });
        }

        // The page's policy allows no inline script, so axe-core is loaded as a script file of the app's own origin, which the
        // browser asks for and this test answers: the policy is not weakened for the check.
        await page.RouteAsync("**/__axe.min.js", route => route.FulfillAsync(new() { Body = Script, ContentType = "text/javascript" }));
        await page.AddScriptTagAsync(new() { Url = "/__axe.min.js" });
        var json = await page.EvaluateAsync<string>(
            """
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice'] } });
              return JSON.stringify(r.violations.map(v => ({ id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })));
            }
            """);
        var violations = System.Text.Json.JsonSerializer.Deserialize<AxeViolation[]>(json, System.Text.Json.JsonSerializerOptions.Web)!;
        // The page works under its Content-Security-Policy: nothing was blocked, and GOV.UK Frontend started (its scripts are files).
        var blocked = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        Assert.True(blocked.Length == 0, $"The Content-Security-Policy blocked on {page.Url}:\n" + string.Join("\n", blocked));
        Assert.True(await page.EvaluateAsync<bool>(
            "() => document.body.classList.contains('govuk-frontend-supported') && document.querySelector('[data-module=\"govuk-skip-link\"]').hasAttribute('data-govuk-skip-link-init')"),
            $"GOV.UK Frontend did not start on {page.Url}");
        Assert.True(violations.Length == 0,
            $"axe found violations on {page.Url}:\n" + string.Join("\n", violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
    }

    public sealed record AxeViolation(string Id, string Help, string[] Targets);
}
