using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Caseload.Platform.Http;

/// <summary>
/// How the app answers a request refused by a rate limit: 429 with Retry-After (whole seconds). The API answers problem
/// details; a page answers with no body, so the GOV.UK error page is shown for 429 (status code pages re-execute it).
/// Features may add their own partitioned policies; a feature that counts for itself (sign-in, whose counts are kept in the
/// database for every instance) answers its refusals through <see cref="TooManyAsync"/> too.
/// </summary>
public static class RateLimits
{
    public static void AddCaseloadRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(TooManyAsync(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null));
        });

    public static Task TooManyAsync(HttpContext http, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (retryAfter is { } wait) http.Response.Headers.RetryAfter = RetryAfterSeconds(wait);
        return http.Request.Path.StartsWithSegments("/api") ? TooMany(retryAfter).ExecuteAsync(http) : Task.CompletedTask;
    }

    public static IResult TooMany(TimeSpan? retryAfter) =>
        ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests",
            retryAfter is { } wait ? $"Try again in {RetryAfterSeconds(wait)} seconds (Retry-After)." : "Try again later.");

    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The client a limit counts against: its IP address (as the forwarded-headers middleware left it), or the /64 network of
    /// an IPv6 address, since one IPv6 client can trivially use many addresses within its network.
    /// </summary>
    public static string ClientKey(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }
}
