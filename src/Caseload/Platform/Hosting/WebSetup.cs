using System.Text.Json.Serialization;
using Caseload.Platform.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace Caseload.Platform.Hosting;

public static class WebSetup
{
    public static void AddCaseloadWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Pages live with their feature and declare their own policy ([Authorize(Policy = …)] on the page model); the
        // fallback policy denies anything that declares none. A test holds the expected policy of every route.
        services.AddRazorPages(o => o.RootDirectory = "/Features").AddMvcOptions(o => o.Filters.Add<InvalidFormStatusFilter>());
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions.TryAdd("errorCode", ctx.ProblemDetails.Status switch
            {
                StatusCodes.Status400BadRequest => "bad-request",
                StatusCodes.Status401Unauthorized => "unauthenticated",
                StatusCodes.Status403Forbidden => "forbidden",
                StatusCodes.Status404NotFound => "not-found",
                StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
                _ => "error",
            });
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
        });
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.AddOpenApi("v1", OpenApiContract.Describe);
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        services.AddCaseloadRateLimits();
        builder.AddProxyAwareness();
    }

    public static void UseCaseloadWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // First, so that everything after (the audit trail's address, HTTPS, cookies) sees the client's request.
        app.UseProxyAwareness();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async ctx =>
            {
                var feature = ctx.Features.Get<IExceptionHandlerFeature>();
                if (ctx.Request.Path.StartsWithSegments("/api"))
                {
                    var problem = feature?.Error is BadHttpRequestException bad
                        ? ApiProblems.Problem(bad.StatusCode, "bad-request", "The request could not be read", bad.Message)
                        : ApiProblems.Problem(StatusCodes.Status500InternalServerError, "server-error", "Something went wrong",
                            "Nothing was saved. Try again; if it happens again, quote the trace id to support.",
                            new Dictionary<string, object?> { ["traceId"] = ctx.TraceIdentifier });
                    await problem.ExecuteAsync(ctx);
                    return;
                }

                ctx.Response.Redirect("/Error?status=500");
            },
        });
        // The API answers problem details; pages show the GOV.UK error page with the status kept (404 stays 404).
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (http.Response.ContentLength is not null || http.Response.HasStarted) return;
            var status = http.Response.StatusCode;
            var (code, title) = status switch
            {
                401 => ("unauthenticated", "Sign in or send a bearer token"),
                403 => ("forbidden", "You do not have permission to do this"),
                404 => ("not-found", "Not found"),
                405 => ("method-not-allowed", "This method is not allowed here"),
                _ => ("error", "The request failed"),
            };
            await ApiProblems.Problem(status, code, title).ExecuteAsync(http);
        }));
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?status={0}"));
        app.UseSecurityHeaders();
        // After the status code pages, so a refused page shows the error page (which the guard lets through when re-executed).
        app.UseNulCharacterGuard();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
    }
}
