using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Tasks;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Platform.Security;

/// <summary>A case the signed-in user may see, found once for this request by the case scope.</summary>
public sealed record CaseContext(CurrentUser User, Guid CaseId, Guid PersonId, string PersonName, string Service, CaseStatus Status, int Version);

/// <summary>A person the signed-in user may see, found once for this request by the person scope.</summary>
public sealed record PersonContext(CurrentUser User, Guid PersonId);

/// <summary>Which record a scoped route's id names: the case itself, or a task whose case it is.</summary>
public enum ScopedBy
{
    Case,
    Task,
}

/// <summary>
/// Puts a page or endpoint in the case scope: the route value names the case (or a task of it); the scope finds it through
/// <see cref="CaseAccess.VisibleCases"/> once, answers 404 when the user may not see it, and records one audit read unless
/// the handler recorded something about the case itself. On a page model, or added to API routes by
/// <see cref="CaseScopes.WithCaseScope{TBuilder}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CaseScopeAttribute(string routeValue, ScopedBy by = ScopedBy.Case) : Attribute
{
    public string RouteValue { get; } = routeValue;
    public ScopedBy By { get; } = by;
}

/// <summary>As <see cref="CaseScopeAttribute"/>, for a person: found through <see cref="CaseAccess.VisiblePeople"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PersonScopeAttribute(string routeValue) : Attribute
{
    public string RouteValue { get; } = routeValue;
}

/// <summary>The request's case or person, for the feature that serves a scoped route.</summary>
public sealed class CaseScope(CaseloadDb db, CurrentUserAccessor users, AuditTrail audit)
{
    private CaseContext? _case;
    private PersonContext? _person;

    public CaseContext Case => _case ?? throw new InvalidOperationException("This route is not in the case scope: add [CaseScope] or WithCaseScope.");

    public PersonContext Person => _person ?? throw new InvalidOperationException("This route is not in the person scope: add [PersonScope] or WithPersonScope.");

    public async Task<bool> EnterCaseAsync(Guid id, ScopedBy by, CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var caseId = by switch
        {
            ScopedBy.Case => id,
            ScopedBy.Task => await db.Set<CaseTask>().Where(t => t.Id == id).Select(t => (Guid?)t.CaseId).SingleOrDefaultAsync(ct),
            _ => throw new ArgumentOutOfRangeException(nameof(by)),
        };
        if (caseId is null) return false;
        var found = await db.VisibleCases(user).Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.PersonId, PersonName = c.Person.GivenName + " " + c.Person.FamilyName, c.Service, c.Status, c.Version })
            .SingleOrDefaultAsync(ct);
        if (found is null) return false;
        _case = new CaseContext(user, found.Id, found.PersonId, found.PersonName, found.Service, found.Status, found.Version);
        return true;
    }

    public async Task<bool> EnterPersonAsync(Guid id, CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!await db.VisiblePeople(user).AnyAsync(p => p.Id == id, ct)) return false;
        _person = new PersonContext(user, id);
        return true;
    }

    /// <summary>
    /// Every request in the scope leaves a trace: when the handler recorded nothing about the case (or person), one read is
    /// recorded. The handler's own work is done by now, so anything it left unsaved is dropped rather than committed here.
    /// </summary>
    public async Task LeaveAsync(CancellationToken ct)
    {
        if (_case is { } c && !audit.HasRecordedCase(c.CaseId))
        {
            db.ChangeTracker.Clear();
            await audit.RecordReadAsync(c.User, AuditActions.CaseViewed, "case", c.CaseId.ToString(), c.CaseId, c.PersonId, ct: ct);
        }
        else if (_person is { } p && !audit.HasRecordedPerson(p.PersonId))
        {
            db.ChangeTracker.Clear();
            await audit.RecordReadAsync(p.User, AuditActions.PersonViewed, "person", p.PersonId.ToString(), personId: p.PersonId, ct: ct);
        }
    }

    /// <summary>Finds the scoped record named by the route; false when there is none the user may see.</summary>
    public static async Task<bool> EnterAsync(HttpContext http, IReadOnlyList<object> metadata)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(metadata);
        var scope = http.RequestServices.GetRequiredService<CaseScope>();
        var ct = http.RequestAborted;
        if (metadata.OfType<CaseScopeAttribute>().LastOrDefault() is { } byCase)
        {
            return RouteId(http, byCase.RouteValue) is { } id && await scope.EnterCaseAsync(id, byCase.By, ct);
        }

        if (metadata.OfType<PersonScopeAttribute>().LastOrDefault() is { } byPerson)
        {
            return RouteId(http, byPerson.RouteValue) is { } id && await scope.EnterPersonAsync(id, ct);
        }

        return true;
    }

    private static Guid? RouteId(HttpContext http, string name) =>
        Guid.TryParse(http.GetRouteValue(name)?.ToString(), out var id) ? id : null;

    public static string NotFoundTitle(IReadOnlyList<object> metadata) => metadata.OfType<CaseScopeAttribute>().LastOrDefault() switch
    {
        { By: ScopedBy.Task } => "No task with this id was found",
        not null => "No case with this id was found",
        null => "No person with this id was found",
    };
}

public static class CaseScopes
{
    public static void AddCaseScope(this IServiceCollection services)
    {
        services.AddScoped<CaseScope>();
        services.Configure<MvcOptions>(o => o.Filters.Add<CaseScopePageFilter>());
    }

    /// <summary>Puts API routes in the case scope; <paramref name="routeValue"/> names the case (or task) id.</summary>
    public static TBuilder WithCaseScope<TBuilder>(this TBuilder builder, string routeValue, ScopedBy by = ScopedBy.Case)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CaseScopeAttribute(routeValue, by)).AddEndpointFilter(ScopeFilter);

    /// <summary>Puts API routes in the person scope; <paramref name="routeValue"/> names the person id.</summary>
    public static TBuilder WithPersonScope<TBuilder>(this TBuilder builder, string routeValue)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PersonScopeAttribute(routeValue)).AddEndpointFilter(ScopeFilter);

    private static async ValueTask<object?> ScopeFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var metadata = http.GetEndpoint()?.Metadata ?? (IReadOnlyList<object>)[];
        if (!await CaseScope.EnterAsync(http, metadata)) return ApiProblems.NotFound(CaseScope.NotFoundTitle(metadata));
        var result = await next(context);
        await http.RequestServices.GetRequiredService<CaseScope>().LeaveAsync(http.RequestAborted);
        return result;
    }
}

/// <summary>The case scope for pages whose model carries [CaseScope] or [PersonScope].</summary>
public sealed class CaseScopePageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var metadata = context.ActionDescriptor.EndpointMetadata;
        if (!metadata.Any(m => m is CaseScopeAttribute or PersonScopeAttribute))
        {
            await next();
            return;
        }

        if (!await CaseScope.EnterAsync(context.HttpContext, metadata.ToList()))
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
        await context.HttpContext.RequestServices.GetRequiredService<CaseScope>().LeaveAsync(context.HttpContext.RequestAborted);
    }
}
