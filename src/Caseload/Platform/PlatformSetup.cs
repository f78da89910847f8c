using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Hosting;
using Caseload.Platform.Security;

namespace Caseload.Platform;

/// <summary>What every feature stands on: time, the database, identity and security, HTTP conventions, audit and hosting.</summary>
public static class PlatformSetup
{
    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dataDirectory = DatabaseSetup.DataDirectory(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddCaseloadDatabase(dataDirectory);
        builder.AddCaseloadSecurity(dataDirectory);
        builder.AddCaseloadWeb();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddCaseScope();
        // The first start-up task: every later one (seeding, loading settings) reads the migrated database.
        builder.Services.AddStartupTask("apply the database migrations", DatabaseSetup.MigrateAtStartUpAsync);
        // After the migrations: its start-up task writes the first key to the database.
        builder.Services.AddSharedKeyRing();
    }

    public static void UsePlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseCaseloadWeb();
        app.UseRefreshables();
    }
}
