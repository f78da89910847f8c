using System.Security.Cryptography;

namespace Caseload.Platform.Http;

/// <summary>
/// Headers on every response. Pages get a Content-Security-Policy with a fresh nonce per request: scripts only from the
/// app itself (files under wwwroot) or an element carrying the nonce (<see cref="CspNonce"/>), no inline script, style
/// or plugin, forms posting only to the app (and to the single sign-on provider when one is configured), and no framing.
/// The API's JSON needs none of that and gets <c>default-src 'none'</c>.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceItem = "Caseload.CspNonce";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /// <summary>This request's CSP nonce, for a <c>nonce="…"</c> attribute on a script or style element that must be inline.</summary>
    public static string CspNonce(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[NonceItem] as string ?? throw new InvalidOperationException("The security headers middleware has not run.");
    }

    public static void UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var formTargets = "'self'";
        // Signing in with the organisation account posts here and is redirected to the provider: form-action covers redirects.
        if (Uri.TryCreate(app.Configuration["Authentication:OpenIdConnect:Authority"], UriKind.Absolute, out var authority))
        {
            formTargets += " " + authority.GetLeftPart(UriPartial.Authority);
        }

        app.Use(async (ctx, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            ctx.Items[NonceItem] = nonce;
            var headers = ctx.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers.ContentSecurityPolicy = ctx.Request.Path.StartsWithSegments("/api")
                ? "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
                : $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
                  $"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action {formTargets}; frame-ancestors 'none'";
            // Case data must not linger in shared browsers' caches.
            if (!ctx.Request.Path.StartsWithSegments("/lib") && !ctx.Request.Path.StartsWithSegments("/assets"))
            {
                headers.CacheControl = "no-store";
            }

            await next();
        });
    }
}
