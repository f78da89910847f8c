using System.Collections.Concurrent;
using System.Diagnostics;
using Caseload.Platform.Hosting;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Caseload.Tests.Platform.Hosting;

/// <summary>
/// Two app instances on one database, each with its own clock and the same test job (due every minute, a 90-second lease
/// renewed every 30 seconds). The first instance to start runs the new job at once; the second finds it not due. Each test
/// has a job name of its own, so tests never share a lease.
/// </summary>
public abstract class LeasedJobTests(CaseloadApp app) : IAsyncLifetime
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan HalfMinute = TimeSpan.FromSeconds(30);
    private readonly string _job = $"test-job-{Guid.NewGuid():N}";
    private readonly JobProbe _probe = new();
    private Instance _a = null!;
    private Instance _b = null!;

    public async ValueTask InitializeAsync()
    {
        _a = await StartInstanceAsync();
        _b = await StartInstanceAsync();
        Assert.Equal(LeasedJobOutcome.Ran, _a.LastCheck!.Outcome);
        Assert.Equal(LeasedJobOutcome.NotDue, _b.LastCheck!.Outcome);
        Assert.Equal(_a.Id, Assert.Single(_probe.Runs).Holder);
    }

    public async ValueTask DisposeAsync()
    {
        _probe.LetGo();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Each_time_the_job_is_due_it_runs_on_exactly_one_instance_and_the_lease_is_released_after()
    {
        for (var minute = 1; minute <= 4; minute++)
        {
            _probe.Hold();
            var now = AdvanceBoth(Every);
            await WaitUntilAsync(() => _probe.Runs.Count == minute + 1, "the job starts on one instance");
            var (holder, other) = HolderAndOther();
            Assert.Equal(LeasedJobOutcome.HeldElsewhere, await other.CheckedAsync(now));
            var held = await LeaseAsync();
            Assert.Equal((holder.Id, now + Lease), (held.Holder, held.ExpiresAt));

            _probe.LetGo();
            Assert.Equal(LeasedJobOutcome.Ran, await holder.CheckedAsync(now));
            var released = await LeaseAsync();
            Assert.Null(released.Holder);
            Assert.Equal((now, now, now + Every), (released.ExpiresAt, released.LastCompletedAt!.Value, released.DueAt));
        }

        Assert.Equal(5, _probe.Runs.Count);
        Assert.Equal(1, _probe.MostAtOnce);
    }

    [Fact]
    public async Task A_long_run_renews_its_lease_so_the_other_instance_does_not_start_the_job()
    {
        var (_, holder, other) = await StartHeldRunAsync();

        // Ten minutes in half-minute steps: the lease (90 s) would have lapsed six times over without renewal.
        for (var step = 1; step <= 20; step++)
        {
            var now = AdvanceBoth(HalfMinute);
            await WaitUntilAsync(async () => (await LeaseAsync()).ExpiresAt == now + Lease, $"the lease is renewed at {now:T}");
            if (step % 2 == 0) Assert.Equal(LeasedJobOutcome.HeldElsewhere, await other.CheckedAsync(now));
        }

        Assert.Equal(holder.Id, (await LeaseAsync()).Holder);
        Assert.Equal(2, _probe.Runs.Count);

        // The run overran ten periods: the job is next due at the next minute in its cadence, not again at once to catch up.
        _probe.LetGo();
        await WaitUntilAsync(async () => (await LeaseAsync()).LastCompletedAt == holder.Now, "the run ends");
        Assert.Equal(LeasedJobOutcome.NotDue, await holder.CheckedAsync(holder.Now));
        var released = await LeaseAsync();
        Assert.Null(released.Holder);
        Assert.Equal(holder.Now + Every, released.DueAt);
        Assert.Equal(2, _probe.Runs.Count);
        Assert.Equal(1, _probe.MostAtOnce);
    }

    [Fact]
    public async Task When_the_holder_stops_renewing_the_other_instance_takes_over_once_the_lease_expires_and_not_before()
    {
        var (started, holder, other) = await StartHeldRunAsync();

        // The holder's clock stops: like a killed or frozen process it neither renews nor releases. Its lease ends at +90 s.
        other.Clock.Advance(Every);
        Assert.Equal(LeasedJobOutcome.HeldElsewhere, await other.CheckedAsync(started + Every));
        other.Clock.Advance(Every);
        await WaitUntilAsync(() => _probe.Runs.Count == 3, "the other instance takes the job over");
        Assert.Equal((other.Id, started + 2 * Every), (_probe.Runs[2].Holder, _probe.Runs[2].StartedAt));
        Assert.Equal(other.Id, (await LeaseAsync()).Holder);

        // The old holder comes back: its next renewal finds the lease taken, so it stops its run and leaves the lease alone.
        holder.Clock.Advance(HalfMinute);
        Assert.Equal(LeasedJobOutcome.Interrupted, await holder.CheckedAsync(started));
        Assert.True(_probe.Runs[1].Stopped);
        var taken = await LeaseAsync();
        Assert.Equal((other.Id, started + 2 * Every + Lease), (taken.Holder, taken.ExpiresAt));

        _probe.LetGo();
        Assert.Equal(LeasedJobOutcome.Ran, await other.CheckedAsync(started + 2 * Every));
        var released = await LeaseAsync();
        Assert.Null(released.Holder);
        Assert.Equal(started + 3 * Every, released.DueAt);
        Assert.False(_probe.Runs[2].Stopped);
        Assert.Equal(3, _probe.Runs.Count);
    }

    [Fact]
    public async Task A_stopped_instance_releases_its_unfinished_run_and_the_other_runs_it_at_its_next_check()
    {
        var (started, holder, other) = await StartHeldRunAsync();

        await holder.DisposeAsync();
        Assert.True(_probe.Runs[1].Stopped);
        var released = await LeaseAsync();
        Assert.Null(released.Holder);
        Assert.Equal(started, released.DueAt);

        // Half a minute before the lease would have expired: a stopped instance hands the job back rather than let it wait.
        other.Clock.Advance(Every);
        await WaitUntilAsync(() => _probe.Runs.Count == 3, "the other instance runs the unfinished job");
        Assert.Equal((other.Id, started + Every), (_probe.Runs[2].Holder, _probe.Runs[2].StartedAt));
        _probe.LetGo();
        Assert.Equal(LeasedJobOutcome.Ran, await other.CheckedAsync(started + Every));
        Assert.Equal(started + 2 * Every, (await LeaseAsync()).DueAt);
    }

    [Fact]
    public async Task A_failing_run_is_logged_not_fatal_and_the_job_runs_again_at_the_next_check()
    {
        _probe.Failing = true;
        var (failedAt, holder, _) = await StartHeldRunAsync();
        _probe.LetGo();
        Assert.Equal(LeasedJobOutcome.Failed, await holder.CheckedAsync(failedAt));
        var afterFailure = await LeaseAsync();
        Assert.Null(afterFailure.Holder);
        Assert.Equal((failedAt, CaseloadApp.Start), (afterFailure.DueAt, afterFailure.LastCompletedAt!.Value));

        _probe.Failing = false;
        var now = AdvanceBoth(Every);
        await WaitUntilAsync(() => _probe.Runs.Count == 3, "the job runs again");
        Assert.Contains(LeasedJobOutcome.Ran, new[] { await _a.CheckedAsync(now), await _b.CheckedAsync(now) });
        Assert.Equal(now + Every, (await LeaseAsync()).DueAt);
    }

    [Fact]
    public async Task Two_instances_racing_for_a_lease_never_both_get_it()
    {
        for (var round = 0; round < 10; round++)
        {
            // A job neither has seen (both try to insert its row), then the same job once due again (both try to take it over).
            var name = $"race-{Guid.NewGuid():N}";
            var first = await Task.WhenAll(_a.Leases.TryAcquireAsync(name, Lease, default), _b.Leases.TryAcquireAsync(name, Lease, default));
            Assert.Single(first, a => a == LeaseAttempt.Acquired);
            var winner = first[0] == LeaseAttempt.Acquired ? _a : _b;
            Assert.True(await winner.Leases.ReleaseAsync(name, nextDueAt: CaseloadApp.Start, default));
            var again = await Task.WhenAll(_a.Leases.TryAcquireAsync(name, Lease, default), _b.Leases.TryAcquireAsync(name, Lease, default));
            Assert.Single(again, a => a == LeaseAttempt.Acquired);
        }
    }

    /// <summary>A minute on, one instance starts the job and holds it until <see cref="JobProbe.LetGo"/>; the other has found it held.</summary>
    private async Task<(DateTimeOffset Started, Instance Holder, Instance Other)> StartHeldRunAsync()
    {
        _probe.Hold();
        var started = AdvanceBoth(Every);
        await WaitUntilAsync(() => _probe.Runs.Count == 2, "the job starts on one instance");
        var (holder, other) = HolderAndOther();
        Assert.Equal(LeasedJobOutcome.HeldElsewhere, await other.CheckedAsync(started));
        return (started, holder, other);
    }

    private DateTimeOffset AdvanceBoth(TimeSpan by)
    {
        _a.Clock.Advance(by);
        _b.Clock.Advance(by);
        Assert.Equal(_a.Now, _b.Now);
        return _a.Now;
    }

    private (Instance Holder, Instance Other) HolderAndOther() => _probe.Runs[^1].Holder == _a.Id ? (_a, _b) : (_b, _a);

    private Task<WorkLease> LeaseAsync() => app.WithDbAsync(db => db.Set<WorkLease>().AsNoTracking().SingleAsync(l => l.Name == _job));

    private async Task<Instance> StartInstanceAsync()
    {
        var clock = new FakeTimeProvider(CaseloadApp.Start);
        var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton(_probe);
            s.AddLeasedJob<ProbeJob>(_job, Every, Lease);
        }));
        _ = factory.Server;
        var instance = new Instance(factory, clock, _job);
        await instance.CheckedAsync(CaseloadApp.Start);
        return instance;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        // Real time bounds how long a test waits for another thread's work; the app's time is the fake clocks'.
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20)) Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>An app host of its own (own clock, lease holder and job runner) on the shared test database.</summary>
    private sealed class Instance(WebApplicationFactory<Program> factory, FakeTimeProvider clock, string job) : IAsyncDisposable
    {
        private bool _disposed;

        public FakeTimeProvider Clock => clock;
        public DateTimeOffset Now => clock.GetUtcNow();
        public string Id { get; } = factory.Services.GetRequiredService<WorkInstance>().Id;
        public WorkLeases Leases => factory.Services.GetRequiredService<WorkLeases>();
        public LeasedJobCheck? LastCheck => Runner.LastCheck;
        private LeasedJobRunner Runner { get; } = factory.Services.GetServices<IHostedService>().OfType<LeasedJobRunner>().Single(r => r.Name == job);

        /// <summary>The outcome of this instance's check that started at <paramref name="at"/>, once it has finished.</summary>
        public async Task<LeasedJobOutcome> CheckedAsync(DateTimeOffset at)
        {
            await WaitUntilAsync(() => LastCheck?.At == at, $"the check at {at:T} ends");
            return LastCheck!.Outcome;
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            await factory.DisposeAsync();
        }
    }
}

public sealed class LeasedJobTests_Sqlite(SqliteApp app) : LeasedJobTests(app);

public sealed class LeasedJobTests_Postgres(PostgresApp app) : LeasedJobTests(app);

/// <summary>What the test job saw, across both instances: who ran it when, and how many runs overlapped.</summary>
public sealed class JobProbe
{
    private readonly ConcurrentQueue<ProbeRun> _runs = new();
    private volatile TaskCompletionSource _gate = Opened();
    private int _running;
    private int _mostAtOnce;

    public IReadOnlyList<ProbeRun> Runs => [.. _runs];
    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);
    public bool Failing { get; set; }
    public Task Gate => _gate.Task;

    /// <summary>Runs started from now wait until <see cref="LetGo"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void LetGo() => _gate.TrySetResult();

    public ProbeRun Started(string holder, DateTimeOffset at)
    {
        var running = Interlocked.Increment(ref _running);
        int most;
        while (running > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, running, most) != most)
        {
        }

        var run = new ProbeRun(holder, at);
        _runs.Enqueue(run);
        return run;
    }

    public void Ended() => Interlocked.Decrement(ref _running);

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}

public sealed record ProbeRun(string Holder, DateTimeOffset StartedAt)
{
    public bool Stopped { get; set; }
}

/// <summary>The job the instances run in these tests: it records the run, waits for the test's go-ahead, then fails if asked.</summary>
public sealed class ProbeJob(JobProbe probe, WorkInstance instance, TimeProvider clock) : ILeasedJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        var run = probe.Started(instance.Id, clock.GetUtcNow());
        try
        {
            await probe.Gate.WaitAsync(ct);
            if (probe.Failing) throw new InvalidOperationException("The test job failed, as asked.");
        }
        catch (OperationCanceledException)
        {
            run.Stopped = true;
            throw;
        }
        finally
        {
            probe.Ended();
        }
    }
}
