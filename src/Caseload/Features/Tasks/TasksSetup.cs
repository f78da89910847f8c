namespace Caseload.Features.Tasks;

public static class TasksSetup
{
    /// <summary>Tasks: agreed next steps with an owner and a due date, their outcomes and handovers.</summary>
    public static void AddTasks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<TaskService>();
    }

    public static void MapTasks(this IEndpointRouteBuilder app) => app.MapTasksApi();
}
