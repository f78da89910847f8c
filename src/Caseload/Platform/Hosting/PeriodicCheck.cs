namespace Caseload.Platform.Hosting;

/// <summary>
/// Lets a check through at most once a period by the app's clock, one caller at a time; the others carry on at once. Used
/// by state each instance holds in memory (calendars, objectivity rules) to notice a change made on another instance.
/// </summary>
public sealed class PeriodicCheck(TimeProvider clock, TimeSpan every)
{
    private long _checkedAtTicks = long.MinValue;
    private int _checking;

    /// <summary>Records that the state was just loaded, so the next check waits a whole period.</summary>
    public void Checked() => Interlocked.Exchange(ref _checkedAtTicks, clock.GetUtcNow().UtcTicks);

    public async Task RunIfDueAsync(Func<Task> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _checkedAtTicks);
        if (last != long.MinValue && now - last < every.Ticks) return;
        if (Interlocked.CompareExchange(ref _checking, 1, 0) != 0) return;
        try
        {
            Interlocked.Exchange(ref _checkedAtTicks, now);
            await check();
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }
}
