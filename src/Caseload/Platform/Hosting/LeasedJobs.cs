using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Caseload.Platform.Hosting;

/// <summary>
/// Background work that must run once across all instances (drift scans, reminders, retention, escalations). It is resolved
/// in a scope of its own for each run. A run may be stopped half-way (an instance stopped or killed, or its lease lost): the
/// job then runs again from the start at a later check, so it must be safe to repeat.
/// </summary>
public interface ILeasedJob
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>What an instance's latest check of a job did.</summary>
public enum LeasedJobOutcome
{
    Ran,
    Failed,
    Interrupted,
    NotDue,
    HeldElsewhere,
    CheckFailed,
}

public sealed record LeasedJobCheck(DateTimeOffset At, LeasedJobOutcome Outcome);

/// <summary>A job's timing: it is due every <see cref="Every"/>; a run holds a lease of <see cref="LeaseLength"/>, renewed while it runs.</summary>
public sealed record LeasedJobSchedule(string Name, TimeSpan Every, TimeSpan LeaseLength)
{
    /// <summary>How often each instance asks whether the job is due: often enough that a run starts soon after it falls due.</summary>
    public TimeSpan CheckEvery => Every < LeasedJobs.CheckAtLeastEvery ? Every : LeasedJobs.CheckAtLeastEvery;

    /// <summary>
    /// The first due time in the run's cadence after it ended: a run that overran its period does not start again at once to
    /// catch up, and the job keeps its time of day.
    /// </summary>
    public DateTimeOffset NextDueAfter(DateTimeOffset startedAt, DateTimeOffset endedAt) =>
        startedAt + Every * (Math.Floor((endedAt - startedAt) / Every) + 1);

    /// <summary>Three renewals a lease: one slow or failed round trip does not let the lease lapse.</summary>
    public TimeSpan RenewEvery => LeaseLength / 3;
}

public static class LeasedJobs
{
    public static readonly TimeSpan CheckAtLeastEvery = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Runs <typeparamref name="T"/> every <paramref name="every"/> on one instance at a time. The lease should outlast a
    /// few renewals' round trips and the clock difference between instances; a killed instance's run is taken over once it expires.
    /// </summary>
    public static IServiceCollection AddLeasedJob<T>(this IServiceCollection services, string name, TimeSpan every, TimeSpan leaseLength)
        where T : class, ILeasedJob
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, WorkLeaseConfiguration.MaxNameLength, nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseLength, TimeSpan.FromSeconds(3));
        services.TryAddSingleton<WorkInstance>();
        services.TryAddSingleton<WorkLeases>();
        services.TryAddScoped<T>();
        // Not AddHostedService: it keeps one service per type, and a job type may be registered under two names.
        services.AddSingleton<IHostedService>(sp => new LeasedJobRunner(
            new LeasedJobSchedule(name, every, leaseLength),
            typeof(T),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<WorkLeases>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LeasedJobRunner>>()));
        return services;
    }
}

/// <summary>
/// Checks one job every <see cref="LeasedJobSchedule.CheckEvery"/> by the app's clock; when this instance takes the lease it
/// runs the job in a fresh scope and renews the lease until the run ends, then releases it. Nothing a job or the database
/// throws stops the instance: it is logged and the next check tries again.
/// </summary>
public sealed class LeasedJobRunner(
    LeasedJobSchedule schedule,
    Type jobType,
    IServiceScopeFactory scopes,
    WorkLeases leases,
    TimeProvider clock,
    ILogger<LeasedJobRunner> logger) : BackgroundService
{
    private volatile LeasedJobCheck? _lastCheck;

    public string Name => schedule.Name;

    /// <summary>What this instance's latest check did (for operators and tests); null before the first.</summary>
    public LeasedJobCheck? LastCheck => _lastCheck;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // The next check's timer starts before this check's work, so checks keep their cadence however long a run takes.
            var next = Task.Delay(schedule.CheckEvery, clock, stoppingToken);
            var at = clock.GetUtcNow();
            _lastCheck = new LeasedJobCheck(at, await CheckAsync(at, stoppingToken));
            try
            {
                await next;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<LeasedJobOutcome> CheckAsync(DateTimeOffset at, CancellationToken stoppingToken)
    {
        LeaseAttempt attempt;
        try
        {
            attempt = await leases.TryAcquireAsync(Name, schedule.LeaseLength, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return LeasedJobOutcome.Interrupted;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not check the lease of background job {Job}", Name);
            return LeasedJobOutcome.CheckFailed;
        }

        switch (attempt)
        {
            case LeaseAttempt.NotDue:
                return LeasedJobOutcome.NotDue;
            case LeaseAttempt.HeldElsewhere:
                return LeasedJobOutcome.HeldElsewhere;
            case LeaseAttempt.Acquired:
                break;
            default:
                throw new InvalidOperationException("Unknown lease attempt.");
        }

        logger.LogInformation("Background job {Job} starts on {Holder}", Name, leases.Holder);
        var outcome = await RunHoldingLeaseAsync(at, stoppingToken);
        try
        {
            // Not the stopping token: an instance that is shutting down still hands the job back rather than let it wait for expiry.
            var nextDueAt = outcome == LeasedJobOutcome.Ran ? schedule.NextDueAfter(at, clock.GetUtcNow()) : (DateTimeOffset?)null;
            if (!await leases.ReleaseAsync(Name, nextDueAt, CancellationToken.None))
            {
                logger.LogWarning("Background job {Job} ended on {Holder} after another instance had taken its lease over", Name, leases.Holder);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not release the lease of background job {Job}; another instance may take it when it expires", Name);
        }

        return outcome;
    }

    private async Task<LeasedJobOutcome> RunHoldingLeaseAsync(DateTimeOffset acquiredAt, CancellationToken stoppingToken)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var expiresAt = acquiredAt + schedule.LeaseLength;
        var job = RunJobAsync(run.Token);
        var renewal = Task.Delay(schedule.RenewEvery, clock, run.Token);
        while (await Task.WhenAny(job, renewal) == renewal && !run.IsCancellationRequested)
        {
            // The next renewal's timer starts before this one's round trip, so renewals keep their cadence.
            renewal = Task.Delay(schedule.RenewEvery, clock, run.Token);
            var now = clock.GetUtcNow();
            try
            {
                if (await leases.RenewAsync(Name, schedule.LeaseLength, run.Token))
                {
                    expiresAt = now + schedule.LeaseLength;
                    continue;
                }

                logger.LogWarning("Background job {Job} lost its lease to another instance; this run stops", Name);
                await run.CancelAsync();
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not renew the lease of background job {Job}", Name);
                if (clock.GetUtcNow() >= expiresAt) await run.CancelAsync();
            }
        }

        return await job;
    }

    private async Task<LeasedJobOutcome> RunJobAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = (ILeasedJob)scope.ServiceProvider.GetRequiredService(jobType);
            await job.RunAsync(ct);
            logger.LogInformation("Background job {Job} completed in {Elapsed}", Name, clock.GetElapsedTime(started));
            return LeasedJobOutcome.Ran;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogWarning("Background job {Job} was stopped after {Elapsed}; it runs again at a later check", Name, clock.GetElapsedTime(started));
            return LeasedJobOutcome.Interrupted;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Background job {Job} failed; it runs again at the next check", Name);
            return LeasedJobOutcome.Failed;
        }
    }
}
