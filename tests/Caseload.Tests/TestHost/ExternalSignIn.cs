using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;

namespace Caseload.Tests.TestHost;

/// <summary>
/// Stands in for the organisation's identity provider at the last step of single sign-on: <c>/__test/external-sign-in</c>
/// sets the external sign-in cookie as the OpenID Connect handler does after a successful round trip (provider, subject and
/// the name the provider claims), then sends the browser to the app's real callback page.
/// </summary>
public sealed class ExternalSignIn : IStartupFilter
{
    public const string Path = "/__test/external-sign-in";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Path != Path)
            {
                await nextMiddleware(context);
                return;
            }

            var subject = context.Request.Query["sub"].ToString();
            var name = context.Request.Query["name"].ToString();
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, subject), new Claim(ClaimTypes.Name, name), new Claim("preferred_username", name)], "OpenIdConnect");
            var properties = new AuthenticationProperties { RedirectUri = "/Account/ExternalCallback" };
            properties.Items["LoginProvider"] = "OpenIdConnect";
            await context.SignInAsync(IdentityConstants.ExternalScheme, new ClaimsPrincipal(identity), properties);
            context.Response.Redirect("/Account/ExternalCallback");
        });
        next(app);
    };
}
