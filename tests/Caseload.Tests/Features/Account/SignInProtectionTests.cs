using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Account;
using Caseload.Features.Administration;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Caseload.Tests.Features.Account;

/// <summary>
/// Sign-in resists guessing and enumeration: unknown names answer as wrong passwords do (after a hash verification),
/// limits per client address and per account name answer 429 with Retry-After by the app's clock, and a lock holds only
/// for the (account, client) pair that failed, so a flood from elsewhere cannot lock the real user out. The counts are in the
/// database: two instances on one database share every allowance and every lock.
/// </summary>
public abstract class SignInProtectionTests(ISignInApp app)
{
    private static int s_clients;

    [Fact]
    public async Task An_unknown_user_name_gets_the_same_answer_as_a_wrong_password_after_the_same_hash_verification()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = NewClient();
        var wrongForReal = $"wrong-{Guid.NewGuid():N}";
        var wrongForUnknown = $"wrong-{Guid.NewGuid():N}";

        var real = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = wrongForReal });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = $"nobody.{Guid.NewGuid():N}"[..17], password = wrongForUnknown });

        await AssertSameAnswerAsync(real, unknown, HttpStatusCode.Unauthorized);
        Assert.Equal(1, app.Hasher.TimesVerified(wrongForReal));
        Assert.Equal(1, app.Hasher.TimesVerified(wrongForUnknown));
    }

    [Fact]
    public async Task The_sign_in_page_answers_an_unknown_user_name_as_a_wrong_password_after_the_same_hash_verification()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = NewClient();
        var wrongForReal = $"wrong-{Guid.NewGuid():N}";
        var wrongForUnknown = $"wrong-{Guid.NewGuid():N}";

        var real = await client.PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = wrongForReal });
        var unknown = await client.PostFormAsync("/Account/SignIn", new() { ["UserName"] = $"nobody.{Guid.NewGuid():N}"[..17], ["Password"] = wrongForUnknown });

        Assert.Equal(HttpStatusCode.BadRequest, real.StatusCode);
        Assert.Equal(real.StatusCode, unknown.StatusCode);
        Assert.Equal(ErrorSummary(await real.Content.ReadAsStringAsync()), ErrorSummary(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(1, app.Hasher.TimesVerified(wrongForReal));
        Assert.Equal(1, app.Hasher.TimesVerified(wrongForUnknown));
    }

    [Fact]
    public async Task An_unknown_user_name_locks_exactly_as_a_real_one_does()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = NewClient();
        var unknownName = $"nobody.{Guid.NewGuid():N}"[..17];
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = "wrong-password-123" });
            await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = unknownName, password = "wrong-password-123" });
        }

        var real = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = unknownName, password = CaseloadApp.Password });
        await AssertSameAnswerAsync(real, unknown, (HttpStatusCode)423);
        Assert.Equal("account-locked", (await real.JsonAsync())["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failed_attempts_from_elsewhere_do_not_lock_the_real_user_out()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var attacker = NewClient();
        for (var i = 0; i < 5; i++)
        {
            await attacker.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = $"guess-{i}-password" });
        }

        await (await attacker.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password }))
            .ShouldBeAsync((HttpStatusCode)423);
        var owner = NewClient();
        await (await owner.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password }))
            .ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Redirect,
            (await owner.PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = CaseloadApp.Password })).StatusCode);
        var stored = await app.WithDbAsync(db => db.Users.FindAsync(user.Id).AsTask());
        Assert.Null(stored!.LockoutEnd);
    }

    [Fact]
    public async Task Too_many_attempts_from_one_client_get_429_with_Retry_After_until_the_window_passes()
    {
        var client = NewClient();
        for (var i = 0; i < ISignInApp.AttemptsPerClient; i++)
        {
            await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = $"nobody.{Guid.NewGuid():N}"[..17], password = "wrong-password-123" }))
                .ShouldBeAsync(HttpStatusCode.Unauthorized);
        }

        var refused = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "anyone", password = "wrong-password-123" });
        await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal("too-many-requests", (await refused.JsonAsync())["errorCode"]!.GetValue<string>());
        var wait = RetryAfter(refused);
        Assert.InRange(wait, 1, 60);

        // The sign-in page shares the client's allowance and explains the refusal on a GOV.UK page.
        var page = await client.PostFormAsync("/Account/SignIn", new() { ["UserName"] = "anyone", ["Password"] = "wrong-password-123" });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.InRange(RetryAfter(page), 1, 60);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1 class=\"govuk-heading-l\">Too many attempts</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Wait a minute, then try again", html, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromSeconds(wait));
        await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "anyone", password = "wrong-password-123" }))
            .ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Too_many_attempts_on_one_account_name_from_many_clients_get_429_with_Retry_After()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        for (var i = 0; i < ISignInApp.AttemptsPerAccount; i++)
        {
            await (await NewClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = "wrong-password-123" }))
                .ShouldBeAsync(HttpStatusCode.Unauthorized);
        }

        var refused = await NewClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password });
        await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("too-many-requests", (await refused.JsonAsync())["errorCode"]!.GetValue<string>());
        var page = await NewClient().PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = CaseloadApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);

        // Once the window has passed by the app's clock, the owner signs in: the flood only delayed them.
        app.Clock.Advance(TimeSpan.FromSeconds(RetryAfter(refused)));
        await (await NewClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password }))
            .ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_instances_on_one_database_count_against_one_allowance_per_client()
    {
        await using var other = Hosts.AnotherInstance((CaseloadApp)app);
        var address = NewAddress();
        var here = NewClient(app.Factory, address);
        var there = NewClient(other, address);
        for (var i = 0; i < ISignInApp.AttemptsPerClient; i++)
        {
            await (await (i % 2 == 0 ? here : there).PostAsJsonAsync("/api/v1/auth/token", new { userName = $"nobody.{Guid.NewGuid():N}"[..17], password = "wrong-password-123" }))
                .ShouldBeAsync(HttpStatusCode.Unauthorized);
        }

        foreach (var client in new[] { here, there })
        {
            var refused = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "anyone", password = "wrong-password-123" });
            await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests);
            Assert.InRange(RetryAfter(refused), 1, 60);
        }
    }

    [Fact]
    public async Task Two_instances_on_one_database_count_against_one_allowance_per_account_name()
    {
        await using var other = Hosts.AnotherInstance((CaseloadApp)app);
        var user = await app.CreateUserAsync(Roles.Practitioner);
        for (var i = 0; i < ISignInApp.AttemptsPerAccount; i++)
        {
            await (await NewClient(i % 2 == 0 ? app.Factory : other).PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = "wrong-password-123" }))
                .ShouldBeAsync(HttpStatusCode.Unauthorized);
        }

        await (await NewClient(app.Factory).PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password }))
            .ShouldBeAsync(HttpStatusCode.TooManyRequests);
        var page = await NewClient(other).PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = CaseloadApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many attempts", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_on_two_instances_lock_the_pair_on_both_until_the_lock_ends()
    {
        await using var other = Hosts.AnotherInstance((CaseloadApp)app);
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var address = NewAddress();
        var here = NewClient(app.Factory, address);
        var there = NewClient(other, address);
        for (var i = 0; i < 4; i++)
        {
            await (await (i % 2 == 0 ? here : there).PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = $"guess-{i}-password" }))
                .ShouldBeAsync(HttpStatusCode.Unauthorized);
        }

        var fifth = await there.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = "guess-4-password" });
        await fifth.ShouldBeAsync((HttpStatusCode)423);
        Assert.Equal(15 * 60, RetryAfter(fifth));
        foreach (var client in new[] { here, there })
        {
            await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password }))
                .ShouldBeAsync((HttpStatusCode)423);
        }

        // Elsewhere the owner is not locked out, on either instance; here, once the 15 minutes have passed.
        await (await NewClient(other).PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password }))
            .ShouldBeAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        await (await here.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password }))
            .ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_unlocks_a_user_name_locked_from_an_address()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var address = NewAddress();
        var client = NewClient(app.Factory, address);
        for (var i = 0; i < 5; i++) await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = $"guess-{i}-password" });
        await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password })).ShouldBeAsync((HttpStatusCode)423);
        var admin = NewClient(app.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Account/SignIn", new() { ["UserName"] = (await app.CreateUserAsync(Roles.Administrator)).UserName, ["Password"] = CaseloadApp.Password })).StatusCode);
        Assert.Contains("Unlock the account", await admin.GetStringAsync(new Uri($"/Admin/Users/{user.Id}", UriKind.Relative)), StringComparison.Ordinal);

        var saved = await admin.PostFormFieldsAsync($"/Admin/Users/{user.Id}",
            [new("DisplayName", "Test Practitioner"), new("IsActive", "true"), new("Roles", Roles.Practitioner), new("Unlock", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain("Unlock the account", await admin.GetStringAsync(new Uri($"/Admin/Users/{user.Id}", UriKind.Relative)), StringComparison.Ordinal);
        await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password })).ShouldBeAsync(HttpStatusCode.OK);
        var audited = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == Caseload.Platform.Audit.AuditActions.UserUpdated && e.EntityId == user.Id).Select(e => e.Details).SingleAsync());
        Assert.EndsWith("unlocked=True", audited, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cleanup_removes_counts_whose_window_is_over_and_keeps_the_current_ones()
    {
        var now = app.Clock.GetUtcNow();
        var key = $"cleanup-{Guid.NewGuid():N}";
        await app.WithDbAsync(db =>
        {
            db.Set<SignInCounter>().AddRange(
                new SignInCounter { Kind = SignInCounts.Failures, Key = key, WindowStart = now - TimeSpan.FromMinutes(30), Count = 3 },
                new SignInCounter { Kind = SignInCounts.Lock, Key = key, WindowStart = now - TimeSpan.FromMinutes(16), Count = 1 },
                new SignInCounter { Kind = SignInCounts.Lock, Key = key, WindowStart = now - TimeSpan.FromMinutes(14), Count = 1 },
                new SignInCounter { Kind = SignInCounts.PerClient, Key = key, WindowStart = now, Count = 2 });
            return db.SaveChangesAsync();
        });

        using (var scope = app.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SignInCounterCleanup>().RunAsync(TestContext.Current.CancellationToken);
        }

        var left = await app.WithDbAsync(db => db.Set<SignInCounter>().Where(c => c.Key == key).Select(c => c.Kind).ToListAsync());
        Assert.Equal([SignInCounts.PerClient, SignInCounts.Lock], left.Order(StringComparer.Ordinal));
    }

    private HttpClient NewClient() => NewClient(app.Factory);

    private HttpClient NewClient(WebApplicationFactory<Program> factory, string? address = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address ?? NewAddress());
        return client;
    }

    private string NewAddress()
    {
        var n = Interlocked.Increment(ref s_clients);
        return $"10.{(int)app.Provider}.{n / 250}.{(n % 250) + 1}";
    }

    private static int RetryAfter(HttpResponseMessage response) =>
        int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task AssertSameAnswerAsync(HttpResponseMessage a, HttpResponseMessage b, HttpStatusCode status)
    {
        await a.ShouldBeAsync(status);
        await b.ShouldBeAsync(status);
        Assert.Equal(a.Content.Headers.ContentType?.ToString(), b.Content.Headers.ContentType?.ToString());
        Assert.Equal(a.Headers.Contains("Retry-After"), b.Headers.Contains("Retry-After"));
        var first = await a.JsonAsync();
        var second = await b.JsonAsync();
        first.AsObject().Remove("traceId");
        second.AsObject().Remove("traceId");
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    private static string ErrorSummary(string html)
    {
        var start = html.IndexOf("govuk-error-summary", StringComparison.Ordinal);
        Assert.True(start >= 0, "No error summary on the page.");
        return html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
    }
}

public sealed class SignInProtectionTests_Sqlite(SignInSqliteApp app) : SignInProtectionTests(app), IClassFixture<SignInSqliteApp>;

public sealed class SignInProtectionTests_Postgres(SignInPostgresApp app) : SignInProtectionTests(app), IClassFixture<SignInPostgresApp>;

/// <summary>The app with small sign-in limits, a password hasher that counts verifications, and a client address per test client.</summary>
public interface ISignInApp
{
    public const int AttemptsPerClient = 12;
    public const int AttemptsPerAccount = 8;

    Caseload.Data.DatabaseProvider Provider { get; }
    WebApplicationFactory<Program> Factory { get; }
    Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; }
    CountingPasswordHasher Hasher { get; }
    Task<TestUser> CreateUserAsync(string role, int? teamId = null, params string[] managedServices);
    Task<T> WithDbAsync<T>(Func<Caseload.Data.CaseloadDb, Task<T>> read);

    static void ConfigureLimits(IWebHostBuilder builder)
    {
        builder.UseSetting("SignIn:AttemptsPerClient", AttemptsPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SignIn:AttemptsPerAccount", AttemptsPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<CountingPasswordHasher>();
            s.AddScoped<IPasswordHasher<CaseloadUser>>(sp => sp.GetRequiredService<CountingPasswordHasher>());
            s.AddTransient<IStartupFilter, TestClientAddress>();
        });
    }
}

public sealed class SignInSqliteApp : SqliteApp, ISignInApp
{
    public CountingPasswordHasher Hasher => Services.GetRequiredService<CountingPasswordHasher>();

    protected override void Configure(IWebHostBuilder builder) => ISignInApp.ConfigureLimits(builder);
}

public sealed class SignInPostgresApp : PostgresApp, ISignInApp
{
    public CountingPasswordHasher Hasher => Services.GetRequiredService<CountingPasswordHasher>();

    protected override void Configure(IWebHostBuilder builder) => ISignInApp.ConfigureLimits(builder);
}

/// <summary>The real hasher, counting how often each password was verified.</summary>
public sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<CaseloadUser>
{
    private readonly PasswordHasher<CaseloadUser> _inner = new(options);
    private readonly ConcurrentDictionary<string, int> _verified = new(StringComparer.Ordinal);

    public int TimesVerified(string password) => _verified.GetValueOrDefault(password);

    public string HashPassword(CaseloadUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(CaseloadUser user, string hashedPassword, string providedPassword)
    {
        _verified.AddOrUpdate(providedPassword, 1, (_, n) => n + 1);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>Sets the request's client address from a test header, as the forwarded-headers middleware would behind a proxy.</summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value)) context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
            return following(context);
        });
        next(app);
    };
}
