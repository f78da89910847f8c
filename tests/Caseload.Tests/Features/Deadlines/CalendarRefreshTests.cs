using Caseload.Features.Deadlines;
using Caseload.Tests.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>
/// A second app instance (its own calendars and clock, the same database) notices a bank holidays file another instance
/// stored, at its next check: at most once a minute. The upload holds the shipped list, so the app under test is unchanged.
/// </summary>
public abstract class CalendarRefreshTests(CaseloadApp app)
{
    [Fact]
    public async Task Another_instance_uses_a_newer_upload_after_its_next_check_and_not_before()
    {
        var clock = new FakeTimeProvider(CaseloadApp.Start);
        var other = new Calendars(new ConfigurationBuilder().Build(), app.Services.GetRequiredService<IServiceScopeFactory>(), clock);
        await other.ReloadAsync();
        var uploader = $"admin.elsewhere.{Guid.NewGuid().ToString("N")[..8]}";
        using (var stream = typeof(Calendars).Assembly.GetManifestResourceStream("Caseload.Features.Deadlines.WorkingDays.uk-bank-holidays.json")!)
        using (var reader = new StreamReader(stream))
        {
            var json = await reader.ReadToEndAsync();
            await app.WithDbAsync(async db =>
            {
                db.Set<BankHolidayUpload>().Add(new BankHolidayUpload { UploadedAt = CaseloadApp.Start, UploadedByName = uploader, Json = json });
                return await db.SaveChangesAsync();
            });
        }

        await other.RefreshIfDueAsync();
        Assert.DoesNotContain(uploader, other.Current.Source, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromSeconds(59));
        await other.RefreshIfDueAsync();
        Assert.DoesNotContain(uploader, other.Current.Source, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(2));
        await other.RefreshIfDueAsync();
        Assert.Equal($"File loaded by {uploader}", other.Current.Source);
    }
}

public sealed class CalendarRefreshTests_Sqlite(SqliteApp app) : CalendarRefreshTests(app);

public sealed class CalendarRefreshTests_Postgres(PostgresApp app) : CalendarRefreshTests(app);
