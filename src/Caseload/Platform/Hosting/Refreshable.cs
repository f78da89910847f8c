namespace Caseload.Platform.Hosting;

/// <summary>
/// State an instance keeps in memory that someone may change on another instance (calendars, objectivity rules, priority
/// weights). It is loaded at start-up and after a change here; <see cref="RefreshIfDueAsync"/> lets it notice a change made
/// elsewhere, at most once a period by the app's clock (see <see cref="PeriodicCheck"/>).
/// </summary>
public interface IRefreshable
{
    Task ReloadAsync(CancellationToken ct = default);

    Task RefreshIfDueAsync(CancellationToken ct = default);
}

public static class Refreshables
{
    /// <summary>How often each instance asks the database whether another instance changed a refreshable setting.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Refreshables:CheckEvery may shorten the period (a cluster check that should not wait a minute); never lengthen it, as
    /// operators are told every instance notices a change within a minute.
    /// </summary>
    public static TimeSpan Period(IConfiguration? config)
    {
        var configured = config?.GetValue<TimeSpan?>("Refreshables:CheckEvery");
        return configured is { } period && period > TimeSpan.Zero && period < CheckEvery ? period : CheckEvery;
    }

    /// <summary>A singleton loaded at start-up and refreshed by every request's first step when its check is due.</summary>
    public static IServiceCollection AddRefreshable<T>(this IServiceCollection services)
        where T : class, IRefreshable
    {
        services.AddSingleton<T>();
        services.AddSingleton<IRefreshable>(sp => sp.GetRequiredService<T>());
        return services.AddStartupTask($"load {typeof(T).Name}", (sp, ct) => sp.GetRequiredService<T>().ReloadAsync(ct));
    }

    /// <summary>Before each request, every refreshable setting may check (at most once a minute) for a change made elsewhere.</summary>
    public static void UseRefreshables(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var all = app.ApplicationServices.GetServices<IRefreshable>().ToList();
        app.Use(async (context, next) =>
        {
            foreach (var refreshable in all) await refreshable.RefreshIfDueAsync(context.RequestAborted);
            await next(context);
        });
    }
}
