using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Caseload.Tests.TestHost;

/// <summary>
/// PostgreSQL set up as an authority runs it: the roles and the database made by scripts/postgres-roles.sql (run with psql,
/// as the operator would), the migrations run as the owner (ConnectionStrings:Migrations) and the app connected as the app
/// role (ConnectionStrings:Caseload, Database:AppRole). Roles are per server, so each app gets roles of its own names.
/// Started only by the classes that use it.
/// </summary>
public sealed class AppRolePostgresApp : PostgresApp
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private readonly string _password = Guid.NewGuid().ToString("N");

    public string OwnerRole => $"caseload_owner_{_suffix}";
    public string AppRole => $"caseload_app_{_suffix}";

    /// <summary>The owner's connection (what the migrations use).</summary>
    public string OwnerConnectionString => As(OwnerRole);

    /// <summary>The app role's connection (what the app uses).</summary>
    public string AppConnectionString => As(AppRole);

    protected override async Task<string?> PrepareDatabaseAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        var psql = new ProcessStartInfo(Psql)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var arg in new[]
                 {
                     "-X", "-q", "-h", server.Host!, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-U", server.Username ?? "postgres", "-d", "postgres",
                     "-v", $"owner={OwnerRole}", "-v", $"app={AppRole}", "-v", $"database={DatabaseName}",
                     "-f", Path.Combine(AppContext.BaseDirectory, "postgres-roles.sql"),
                 })
        {
            psql.ArgumentList.Add(arg);
        }

        if (server.Password is { } password) psql.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(psql) ?? throw new InvalidOperationException("psql did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/postgres-roles.sql failed: {errors}{await output}");

        // As the README says, the operator gives the roles passwords afterwards (a server that checks them needs them).
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var passwords = new NpgsqlCommand(
            $"ALTER ROLE \"{OwnerRole}\" PASSWORD '{_password}'; ALTER ROLE \"{AppRole}\" PASSWORD '{_password}'", connection);
        await passwords.ExecuteNonQueryAsync();
        return AppConnectionString;
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("ConnectionStrings:Migrations", OwnerConnectionString);
        builder.UseSetting("Database:AppRole", AppRole);
    }

    protected override async Task DropDatabaseAsync()
    {
        await base.DropDatabaseAsync();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{AppRole}\"; DROP ROLE IF EXISTS \"{OwnerRole}\"", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private string As(string role) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = DatabaseName, Username = role, Password = _password }.ToString();

    // The client that comes with the server scripts/postgres starts (PGBIN as there), else the one on the PATH.
    private static string Psql =>
        Path.Combine(Environment.GetEnvironmentVariable("PGBIN") ?? "/usr/lib/postgresql/15/bin", "psql") is var path && File.Exists(path) ? path : "psql";
}
