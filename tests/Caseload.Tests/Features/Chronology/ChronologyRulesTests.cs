using Caseload.Features.Chronology;
using Caseload.Platform.Audit;

namespace Caseload.Tests.Features.Chronology;

public sealed class ChronologyRulesTests
{
    private static readonly string[] Known = ["note", "review", "status"];

    private static (ChronologyFilter? Filter, IReadOnlyDictionary<string, string> Errors) Read(string?[]? kinds = null, string? from = null, string? to = null,
        string? significantOnly = null, string[]? formats = null) =>
        ChronologyRules.ReadFilter(kinds, from, to, significantOnly, Known, formats ?? ChronologyRules.ApiDateFormats);

    [Fact]
    public void No_parameters_is_every_entry()
    {
        var (filter, errors) = Read();
        Assert.Empty(errors);
        Assert.False(filter!.IsFiltered);
    }

    [Fact]
    public void Kinds_are_read_from_commas_and_repeats_and_blanks_are_ignored()
    {
        var (filter, _) = Read(["note, review", "review", "", null]);
        Assert.Equal(["note", "review"], filter!.Kinds!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_or_wrongly_cased_kind_names_kinds()
    {
        var (filter, errors) = Read(["note,Review,gossip"]);
        Assert.Null(filter);
        Assert.Equal(["kinds"], errors.Keys);
        Assert.Contains("'Review', 'gossip'", errors["kinds"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("23/11/2026", null, "from")]
    [InlineData(null, "2026-02-30", "to")]
    [InlineData("1899-12-31", null, "from")]
    [InlineData("2026-11-23", "2026-11-22", "to")]
    public void A_bad_date_names_its_parameter(string? from, string? to, string field)
    {
        var (filter, errors) = Read(from: from, to: to);
        Assert.Null(filter);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void The_page_takes_dates_as_people_type_them()
    {
        var (filter, errors) = Read(from: "1/10/2026", to: "2026-11-23", formats: ChronologyRules.PageDateFormats);
        Assert.Empty(errors);
        Assert.Equal(new DateOnly(2026, 10, 1), filter!.From);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public void SignificantOnly_is_true_or_false(string value, bool expected) => Assert.Equal(expected, Read(significantOnly: value).Filter!.SignificantOnly);

    [Fact]
    public void SignificantOnly_refuses_anything_else() => Assert.Equal(["significantOnly"], Read(significantOnly: "1").Errors.Keys);

    [Fact]
    public void A_filter_admits_its_kinds_within_its_dates_inclusive_and_only_significant_ones_when_asked()
    {
        var filter = new ChronologyFilter(new HashSet<string> { "note" }, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), SignificantOnly: true);
        ChronologyEntry Entry(string kind, int day) => new(new DateOnly(2026, 11, day), null, kind, "1", "x", null, "/");
        Assert.True(filter.Admits(Entry("note", 1), significant: true));
        Assert.True(filter.Admits(Entry("note", 30), significant: true));
        Assert.False(filter.Admits(Entry("note", 30), significant: false));
        Assert.False(filter.Admits(Entry("review", 15), significant: true));
        Assert.False(filter.Admits(new ChronologyEntry(new DateOnly(2026, 12, 1), null, "note", "1", "x", null, "/"), significant: true));
    }

    [Fact]
    public void Entries_are_oldest_first_day_only_before_timed_then_by_time_kind_and_id()
    {
        var day = new DateOnly(2026, 11, 23);
        var at9 = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var at10 = at9.AddHours(1);
        ChronologyEntry[] entries =
        [
            new(day, at10, "note", "b", "", null, "/"),
            new(day, at9, "review", "a", "", null, "/"),
            new(day, null, "status", "c", "", null, "/"),
            new(day.AddDays(-1), at10, "note", "z", "", null, "/"),
            new(day, at9, "note", "d", "", null, "/"),
        ];
        var ordered = ChronologyRules.InOrder(entries, e => e, Known);
        Assert.Equal(["z", "c", "d", "a", "b"], ordered.Select(e => e.SourceId));
    }

    [Theory]
    [InlineData("Home visit.\nSecond line", 120, "Home visit.")]
    [InlineData("\n\n  Spoke to Mum  \nthen", 120, "Spoke to Mum")]
    [InlineData("Mum and Jordan were present during the whole of the visit", 30, "Mum and Jordan were present…")]
    [InlineData(null, 30, "")]
    public void The_first_line_is_cut_at_a_word(string? text, int max, string expected)
    {
        var line = ChronologyRules.FirstLine(text, max);
        Assert.Equal(expected, line);
        Assert.True(line.Length <= max);
    }

    [Theory]
    [InlineData("2026-11-20", null, false, "2026-11-23", "2026-11-21")]
    [InlineData("2026-11-20", "2026-11-22", false, "2026-11-23", "2026-11-21")]
    [InlineData("2026-11-20", "2026-11-20", false, "2026-11-23", null)]
    [InlineData("2026-11-23", null, false, "2026-11-23", null)]
    [InlineData("2026-11-20", null, true, "2026-11-23", null)]
    public void A_deadline_is_missed_the_day_after_its_due_date_when_met_late_or_not_met(string due, string? met, bool paused, string today, string? expected)
    {
        var missed = ChronologyRules.DeadlineMissedOn(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            met is null ? null : DateOnly.Parse(met, System.Globalization.CultureInfo.InvariantCulture), paused, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, missed is { } m ? ChronologyRules.IsoDay(m) : null);
    }

    [Fact]
    public void Allocations_are_read_from_the_case_audit_events()
    {
        Assert.Equal((null, "pat"), ChronologyRules.AllocationIn(AuditActions.CaseCreated, "service=early-help; status=Open; risk=amber; allocatedTo=pat; restricted=False"));
        Assert.Null(ChronologyRules.AllocationIn(AuditActions.CaseCreated, "service=early-help; status=Referred; risk=amber; allocatedTo=-; restricted=False"));
        Assert.Equal(("pat", "sam"), ChronologyRules.AllocationIn(AuditActions.CaseAllocated, "from=pat; to=sam"));
        Assert.Equal((null, "sam"), ChronologyRules.AllocationIn(AuditActions.CaseAllocated, "from=-; to=sam"));
        Assert.Equal((null, "sam"), ChronologyRules.AllocationIn(AuditActions.CaseUpdated, "risk amber→red; allocatedTo→sam"));
        Assert.Null(ChronologyRules.AllocationIn(AuditActions.CaseUpdated, "reviewDueOn -→2027-01-15"));
        Assert.Null(ChronologyRules.AllocationIn(AuditActions.CaseClosed, "reason=done"));
        Assert.Equal("referred", ChronologyRules.StatusIn("service=early-help; status=Referred; risk=amber"));
    }
}
