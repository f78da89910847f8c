namespace Caseload.Platform.Hosting;

/// <summary>Work done once when an instance starts, before it serves a request (migrations, seeding, loading caches).</summary>
public sealed record StartupTask(string Name, Func<IServiceProvider, CancellationToken, Task> Run);

public static class StartupTasks
{
    /// <summary>Registers start-up work; tasks run in the order they were registered (the platform's migrations first).</summary>
    public static IServiceCollection AddStartupTask(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task> run) =>
        services.AddSingleton(new StartupTask(name, run));

    public static async Task RunStartupTasksAsync(this WebApplication app, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var task in app.Services.GetServices<StartupTask>())
        {
            using var scope = app.Services.CreateScope();
            await task.Run(scope.ServiceProvider, ct);
        }
    }
}
