using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Features.Account;

/// <summary>OpenID Connect is off by default and switched on by configuration alone.</summary>
public sealed class SingleSignOnTests(SqliteApp app)
{
    [Fact]
    public async Task Without_configuration_there_is_no_single_sign_on()
    {
        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme));
        var page = await app.Anonymous().GetStringAsync("/Account/SignIn");
        Assert.DoesNotContain("organisation account", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuring_an_authority_offers_sign_in_with_the_organisation_account()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "caseload-sso", Guid.NewGuid().ToString("N"));
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("CASELOAD_DATA_DIR", dataDirectory);
            b.UseSetting("Authentication:OpenIdConnect:Authority", "https://login.example.invalid/tenant/v2.0");
            b.UseSetting("Authentication:OpenIdConnect:ClientId", "caseload");
        });
        var schemes = factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        var scheme = await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme);
        Assert.NotNull(scheme);
        var page = await factory.CreateClient().GetStringAsync("/Account/SignIn");
        Assert.Contains("Sign in with your organisation account", page, StringComparison.Ordinal);
        Directory.Delete(dataDirectory, recursive: true);
    }
}
