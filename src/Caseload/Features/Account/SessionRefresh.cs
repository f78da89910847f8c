using Caseload.Features.Administration;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Caseload.Features.Account;

/// <summary>
/// The signed-in session's time left, and renewing it when the person is still working (the timeout warning's
/// "Stay signed in", or a draft saved as they type). Only a browser session is renewed, never a bearer token.
/// </summary>
public sealed class SessionRefresh(SignInManager<CaseloadUser> signIn, IOptionsMonitor<CookieAuthenticationOptions> cookies, TimeProvider clock)
{
    /// <summary>How long before the end the warning shows.</summary>
    public static readonly TimeSpan WarnBefore = TimeSpan.FromMinutes(2);

    public TimeSpan Lifetime => cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan;

    /// <summary>Seconds until the browser session ends, or null when the request has no browser session.</summary>
    public async Task<int?> SecondsLeftAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded || cookie.Properties?.ExpiresUtc is not { } expires) return null;
        return (int)Math.Max(0, (expires - clock.GetUtcNow()).TotalSeconds);
    }

    /// <summary>Issues the session again for its full lifetime; the seconds it now has, or null when there is no browser session.</summary>
    public async Task<int?> RefreshAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded) return null;
        var user = await signIn.UserManager.GetUserAsync(cookie.Principal!);
        if (user is null || !user.IsActive) return null;
        await signIn.RefreshSignInAsync(user);
        return (int)Lifetime.TotalSeconds;
    }
}

public static class SessionApi
{
    public static void MapSessionApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/session/keep-alive", async Task<IResult> (HttpContext http, SessionRefresh session) =>
            await session.RefreshAsync(http) is { } seconds
                ? TypedResults.Ok(new { expiresIn = seconds })
                : TypedResults.NoContent())
            .RequireAuthorization(Policies.SignedIn)
            .AddEndpointFilter(RequireAntiforgery)
            .ExcludeFromDescription();

    // Pages call this with the sign-in cookie, so it needs the page's antiforgery token (header X-CSRF-TOKEN): a page on
    // another site could otherwise keep a session alive. Minimal APIs check antiforgery only when binding a form.
    private static async ValueTask<object?> RequireAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "antiforgery-token-invalid", "The request has no valid antiforgery token",
                "Send the page's token in the X-CSRF-TOKEN header.");
        }

        return await next(context);
    }
}
