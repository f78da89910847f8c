using Caseload.Features.Administration.Demo;
using Caseload.Platform.Hosting;

namespace Caseload.Features.Administration;

public static class AdministrationSetup
{
    /// <summary>Users, teams and roles; the first administrator; the demo authority when demo data is enabled.</summary>
    public static void AddAdministration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AdminService>();
        builder.Services.AddScoped<DemoData>();
        var loadDemoData = builder.Configuration.GetValue<bool>("DemoData:Enabled");
        builder.Services.AddStartupTask("roles, the first administrator and demo data", async (sp, _) =>
        {
            var seeding = sp.GetRequiredService<DemoData>();
            await seeding.EnsureRolesAsync();
            await seeding.EnsureBootstrapAdministratorAsync();
            if (loadDemoData) await seeding.LoadIfEmptyAsync();
        });
    }
}
