using System.Security.Claims;
using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caseload.Features.Account;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", async Task<IResult> (HttpRequest request, UserManager<CaseloadUser> users,
            SignInGuard guard, ApiTokenOptions options, TimeProvider clock, CaseloadDb db, AuditTrail audit, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<TokenRequest>(request, ct);
            if (problem is not null) return problem;
            var errors = new Dictionary<string, string>();
            if (string.IsNullOrWhiteSpace(body!.UserName)) errors["userName"] = "Enter your user name";
            if (string.IsNullOrEmpty(body.Password)) errors["password"] = "Enter your password";
            if (errors.Count > 0) return ApiProblems.Validation(errors, StatusCodes.Status400BadRequest);

            var check = await guard.CheckAsync(request.HttpContext, body.UserName!, body.Password!);
            if (check.Verdict == SignInVerdict.Throttled)
            {
                await RateLimits.TooManyAsync(request.HttpContext, check.RetryAfter);
                return TypedResults.Empty;
            }

            if (check.User is not { } user)
            {
                var locked = check.Verdict == SignInVerdict.Locked;
                audit.Add(CurrentUser.ForAudit(null, body.UserName!.Trim()), AuditActions.SignInFailed, "user", check.AuditUserId, details: locked ? "locked out" : "api token");
                await db.SaveChangesAsync(ct);
                if (!locked) return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "invalid-credentials", "The user name or password is not right");
                if (check.RetryAfter is { } lockedFor) request.HttpContext.Response.Headers.RetryAfter = RateLimits.RetryAfterSeconds(lockedFor);
                return ApiProblems.Problem(StatusCodes.Status423Locked, "account-locked", "Too many failed sign-ins for this user name from here",
                    "Try again later or ask an administrator.");
            }

            var roles = await users.GetRolesAsync(user);
            var now = clock.GetUtcNow();
            var expires = now + options.Lifetime;
            // The stamp's digest ends the token when the stamp changes; the roles are informative: each request uses the account's roles now.
            var claims = new List<Claim>
            {
                new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.UserName!),
                new(Sessions.StampClaim, Sessions.StampDigest(await users.GetSecurityStampAsync(user))),
            };
            claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = ApiTokenOptions.Issuer,
                Audience = ApiTokenOptions.Audience,
                Subject = new ClaimsIdentity(claims),
                IssuedAt = now.UtcDateTime,
                NotBefore = now.UtcDateTime,
                Expires = expires.UtcDateTime,
                SigningCredentials = new SigningCredentials(options.SigningKey, SecurityAlgorithms.HmacSha256),
            });
            audit.Add(CurrentUser.ForAudit(user.Id, user.UserName!), AuditActions.TokenIssued, "user", user.Id);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new TokenResponse(token, expires));
        }).AllowAnonymous().WithTags("Authentication").WithSummary("Exchange a user name and password for a bearer token.")
          .Accepts<TokenRequest>("application/json")
          .Produces<TokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked)
          .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // A token cannot be withdrawn alone (it is checked against the account's stamp, not a list of tokens): a caller who fears
        // a token has leaked ends them all, with every browser session of the account, and asks for a new one.
        app.MapPost("/api/v1/auth/sign-out-everywhere", async Task<IResult> (CurrentUserAccessor users, SignOutEverywhere everywhere, CancellationToken ct) =>
        {
            var me = await users.GetAsync(ct);
            await everywhere.EndAsync(me, me.Id, AuditActions.SignedOutEverywhere, "every session and token, through the API", ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.SignedIn).WithName("signOutEverywhere").WithTags("Authentication")
          .WithSummary("End every session and bearer token of the caller's account, this token included.")
          .Produces(StatusCodes.Status204NoContent);
    }

}
