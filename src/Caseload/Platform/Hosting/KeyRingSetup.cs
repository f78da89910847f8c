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

    public static void AddSharedKeyRing(this IServiceCollection services) =>
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<CaseloadDb>();
}
