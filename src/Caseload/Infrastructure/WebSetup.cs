using System.Text.Json.Serialization;
using Caseload.Data;
using Caseload.Features.Admin;
using Caseload.Infrastructure.Problems;
using Caseload.Infrastructure.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace Caseload.Infrastructure;

public static class WebSetup
{
    public static void AddCaseloadWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            // Deny by default (the fallback policy) and then a policy per folder.
            o.Conventions.AuthorizeFolder("/Cases", Policies.CaseWork);
            o.Conventions.AuthorizeFolder("/People", Policies.CaseWork);
            o.Conventions.AuthorizeFolder("/Team", Policies.Supervise);
            o.Conventions.AuthorizeFolder("/Audit", Policies.ReadAudit);
            o.Conventions.AuthorizeFolder("/Admin", Policies.Administer);
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
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
        services.AddOpenApi("v1");
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
    }

    public static void UseCaseloadWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
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

                ctx.Response.Redirect("/Error");
            },
        });
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api") && http.Response.ContentLength is null && !http.Response.HasStarted)
            {
                var status = http.Response.StatusCode;
                await ApiProblems.Problem(status, status switch
                {
                    401 => "unauthenticated",
                    403 => "forbidden",
                    404 => "not-found",
                    405 => "method-not-allowed",
                    _ => "error",
                }, status switch
                {
                    401 => "Sign in or send a bearer token",
                    403 => "You do not have permission to do this",
                    404 => "Not found",
                    405 => "This method is not allowed here",
                    _ => "The request failed",
                }).ExecuteAsync(http);
            }
            else if (!http.Request.Path.StartsWithSegments("/api") && http.Response.StatusCode == 404)
            {
                http.Response.Redirect("/Error?status=404");
            }
        });
        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            ctx.Response.Headers.XFrameOptions = "DENY";
            ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
            // Case data must not linger in shared browsers' caches.
            if (!ctx.Request.Path.StartsWithSegments("/lib") && !ctx.Request.Path.StartsWithSegments("/assets"))
            {
                ctx.Response.Headers.CacheControl = "no-store";
            }

            await next();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        await DatabaseSetup.MigrateAsync(db);
        var seeding = scope.ServiceProvider.GetRequiredService<DemoData>();
        await seeding.EnsureRolesAsync();
        await seeding.EnsureBootstrapAdministratorAsync();
        if (app.Configuration.GetValue<bool>("DemoData:Enabled")) await seeding.LoadIfEmptyAsync();
    }
}
