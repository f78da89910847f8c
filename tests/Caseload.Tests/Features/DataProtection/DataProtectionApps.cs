using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;

namespace Caseload.Tests.Features.DataProtection;

/// <summary>
/// An app of its own for a class that moves the clock (break-glass grants expire) or works over the whole audit trail (sealing,
/// and a test that tampers with it): the shared apps' clock never moves, and their trail is every class's. Events are sealed
/// as soon as they are written (Audit:SealAfterSeconds = 0), so a test need not wait for them to settle.
/// </summary>
public sealed class DataProtectionSqliteApp : SqliteApp
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Audit:SealAfterSeconds", "0");
}

/// <summary>As <see cref="DataProtectionSqliteApp"/>, on PostgreSQL.</summary>
public sealed class DataProtectionPostgresApp : PostgresApp
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Audit:SealAfterSeconds", "0");
}
