using System.Threading.RateLimiting;

namespace Caseload.Platform.Http;

/// <summary>
/// A fixed-window rate limiter that reads the app's <see cref="TimeProvider"/>, so its windows follow the same clock as every
/// other rule (a test moves them with FakeTimeProvider). A window opens at its first request and allows
/// <paramref name="permits"/> requests until it ends; a refused lease carries RetryAfter (the time left in the window).
/// It never queues. Use it inside <see cref="PartitionedRateLimiter"/> partitions: an ended window reports itself idle,
/// so the partition is dropped.
/// </summary>
public sealed class ClockWindowLimiter(TimeProvider clock, int permits, TimeSpan window) : RateLimiter
{
    private readonly Lock _gate = new();
    private DateTimeOffset _windowEnds = DateTimeOffset.MinValue;
    private int _used;
    private long _successful;
    private long _failed;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                return now >= _windowEnds ? now - _windowEnds : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = clock.GetUtcNow() >= _windowEnds ? permits : permits - _used,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (now >= _windowEnds)
            {
                _windowEnds = now + window;
                _used = 0;
            }

            if (_used + permitCount <= permits && (permitCount > 0 || _used < permits))
            {
                _used += permitCount;
                _successful++;
                return Lease.Acquired;
            }

            _failed++;
            return new Lease(_windowEnds - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
