using System.Net.Http.Headers;
using System.Net.Http.Json;
using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

[assembly: AssemblyFixture(typeof(Caseload.Tests.TestHost.SqliteApp))]
[assembly: AssemblyFixture(typeof(Caseload.Tests.TestHost.PostgresApp))]

namespace Caseload.Tests.TestHost;

/// <summary>
/// One running app per database for the whole assembly, on a real database made from the migrations.
/// Tests make their own users, teams and cases with unique names, so they never see each other's data.
/// </summary>
public abstract class CaseloadApp : IAsyncLifetime
{
    public const string Password = "Test-Password-2026!";
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "caseload-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;
    private FakeTimeProvider? _clock;

    protected CaseloadApp(DatabaseProvider provider) => Provider = provider;

    public DatabaseProvider Provider { get; }
    public FakeTimeProvider Clock => _clock ?? throw new InvalidOperationException("Not started.");

    /// <summary>
    /// When the app's clock starts: <see cref="Start"/> for the shared apps, whose clock no test moves (test classes run in
    /// parallel on them). A class that needs another day gets an app of its own that starts then.
    /// </summary>
    protected virtual DateTimeOffset StartsAt => Start;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not started.");
    public IServiceProvider Services => Factory.Services;

    protected abstract Task<string?> PrepareDatabaseAsync();

    /// <summary>Settings of an authority set up differently from the default (e.g. one in Wales).</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        _clock = new FakeTimeProvider(StartsAt);
        var connectionString = await PrepareDatabaseAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", Provider.ToString());
            b.UseSetting("CASELOAD_DATA_DIR", _dataDirectory);
            b.UseSetting("DemoData:Enabled", "false");
            // The suite's cases are early help by default and closed by their practitioners; closure approval is exercised on
            // children's social care (Features/Closure), and the default of both services by ClosurePolicyTests.
            b.UseSetting("Closure:ApprovalRequiredFor:0", "childrens-social-care");
            // Plans agreed by practitioners in the suite's early help cases are in force at once; approval of plans is exercised on
            // children's social care (the chronology's story, closure outcomes) and youth support (Features/Plans/PlanApprovalTests),
            // the default of children's social care and early help by PlanApprovalRulesTests.
            b.UseSetting("Plans:ApprovalRequiredFor:0", "childrens-social-care");
            b.UseSetting("Plans:ApprovalRequiredFor:1", "youth-support");
            if (connectionString is not null) b.UseSetting("ConnectionStrings:Caseload", connectionString);
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
            });
            Configure(b);
        });
        _ = _factory.Server; // start now: migrations run here, not inside the first test
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        await DropDatabaseAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        GC.SuppressFinalize(this);
    }

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A user with a unique name; role and team as asked.</summary>
    public async Task<TestUser> CreateUserAsync(string role, int? teamId = null, params string[] managedServices)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseloadUser>>();
        var name = $"{role.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..10]}";
        var user = new CaseloadUser { UserName = name, DisplayName = $"Test {role} {name[^4..]}", TeamId = teamId };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        if (managedServices.Length > 0)
        {
            var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
            db.ManagedServices.AddRange(managedServices.Select(s => new ManagedService { UserId = user.Id, Service = s }));
            await db.SaveChangesAsync();
        }

        return new TestUser(user.Id, name, teamId);
    }

    /// <summary>A team with a new supervisor and, optionally, a parent team.</summary>
    public async Task<(int TeamId, TestUser Supervisor)> CreateTeamAsync(int? parentTeamId = null)
    {
        int teamId;
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
            var team = new Team { Name = $"Team {Guid.NewGuid().ToString("N")[..10]}", ParentTeamId = parentTeamId };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            teamId = team.Id;
        }

        var supervisor = await CreateUserAsync(Roles.Supervisor, teamId);
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
            var team = await db.Teams.FindAsync(teamId);
            team!.SupervisorId = supervisor.Id;
            await db.SaveChangesAsync();
        }

        return (teamId, supervisor);
    }

    /// <summary>An API client signed in as the user with a bearer token from the real token endpoint.</summary>
    public async Task<HttpClient> ClientForAsync(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public T WithDb<T>(Func<CaseloadDb, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<CaseloadDb>());
    }

    public async Task<T> WithDbAsync<T>(Func<CaseloadDb, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var scope = Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<CaseloadDb>());
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);
}

public sealed record TestUser(string Id, string UserName, int? TeamId);

public class SqliteApp() : CaseloadApp(DatabaseProvider.Sqlite)
{
    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);
}

/// <summary>
/// A database of its own on the PostgreSQL server named by CASELOAD_TEST_POSTGRES (scripts/test starts one).
/// If the server cannot be reached the tests fail: a skipped database test would hide a gap.
/// </summary>
public class PostgresApp() : CaseloadApp(DatabaseProvider.Postgres)
{
    protected string DatabaseName { get; } = $"caseload_test_{Guid.NewGuid():N}";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("CASELOAD_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres";

    protected override async Task<string?> PrepareDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at '{ServerConnectionString}'. Run the tests with scripts/test, which starts a throwaway server.", ex);
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = DatabaseName }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>An authority in Wales (Deadlines:Nation = wales): its cases are offered the Welsh timescales. Started only by the classes that use it.</summary>
public sealed class WelshSqliteApp : SqliteApp
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Deadlines:Nation", "wales");
}

/// <summary>An authority in Wales on PostgreSQL.</summary>
public sealed class WelshPostgresApp : PostgresApp
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Deadlines:Nation", "wales");
}

/// <summary>An app whose clock starts on Sunday 22 Nov 2026 at noon, for what a weekend does to deadlines. Started only by the classes that use it.</summary>
public sealed class SundaySqliteApp : SqliteApp
{
    public static readonly DateTimeOffset Sunday = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    protected override DateTimeOffset StartsAt => Sunday;
}

/// <summary>The Sunday app on PostgreSQL.</summary>
public sealed class SundayPostgresApp : PostgresApp
{
    protected override DateTimeOffset StartsAt => SundaySqliteApp.Sunday;
}
