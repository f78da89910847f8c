using Caseload.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Caseload.Platform.Hosting;

/// <summary>
/// The Data Protection key ring lives in the database, so a cookie, antiforgery token or TempData made on one instance is
/// read on any other instance on the same database (and survives a redeploy to a new folder or machine).
/// </summary>
public static class KeyRingSetup
{
    /// <summary>Fixed, because the default (the content root path) differs between instances deployed to different folders.</summary>
    public const string ApplicationName = "Caseload";

    public static void AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<CaseloadDb>();
        // Make the first key now, after the migrations and before serving (and in a --Hosting:MigrateOnly=true deploy step):
        // instances that each find an empty table at their first request make a key each, and for a while each reads only
        // its own.
        services.AddStartupTask("make the first Data Protection key", (sp, _) =>
        {
            sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("Caseload.KeyRing").Protect([1]);
            return Task.CompletedTask;
        });
    }
}
