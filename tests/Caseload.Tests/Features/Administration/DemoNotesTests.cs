using Bogus;
using Caseload.Features.Administration;
using Caseload.Features.Administration.Demo;
using Caseload.Features.Cases;
using Caseload.Features.Notes.Objectivity;
using Caseload.Features.Tasks;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Administration;

/// <summary>The demo authority's notes are valid notes: factual, dated in the past, late entries explained.</summary>
public sealed class DemoNotesTests
{
    private static readonly CaseloadUser Worker = new() { Id = "w1", UserName = "pat.practitioner", DisplayName = "Pat Practitioner" };

    private static Case OpenCase(string service, int daysOpen) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = Guid.NewGuid(),
        Service = service,
        Status = CaseStatus.Open,
        AllocatedToId = Worker.Id,
        OpenedOn = DateOnly.FromDateTime(CaseloadApp.Start.UtcDateTime).AddDays(-daysOpen),
        ReferredOn = DateOnly.FromDateTime(CaseloadApp.Start.UtcDateTime).AddDays(-daysOpen - 3),
    };

    [Fact]
    public void Every_template_is_free_of_objectivity_findings()
    {
        var templates = DemoNotes.Common.Concat(DemoNotes.ByService.Values.SelectMany(t => t)).Concat(DemoNotes.Rewordings.Values).ToList();
        Assert.True(templates.Count >= 19);
        // A rewording keeps its note's type and whether it has a next step, so the generated data stays as it was.
        Assert.All(DemoNotes.Rewordings, r => Assert.Equal((DemoNotes.Common[r.Key].Type, DemoNotes.Common[r.Key].NextStep is null), (r.Value.Type, r.Value.NextStep is null)));
        foreach (var t in templates)
        {
            foreach (var text in new[] { t.Present, t.WhatHappened, t.WhatWasDone, t.Outcome })
            {
                if (text is null) continue;
                var findings = ObjectivityCheck.Default.Check(text.Replace("{name}", "Jordan", StringComparison.Ordinal));
                Assert.True(findings.Count == 0, $"\"{text}\" has findings: {string.Join(", ", findings.Select(f => f.RuleId))}");
            }
        }
    }

    [Fact]
    public void Notes_for_many_cases_are_in_the_past_ordered_and_sometimes_late_amended_or_a_safeguarding_concern()
    {
        var faker = new Faker("en_GB") { Random = new Randomizer(2026) };
        var built = Enumerable.Range(0, 120)
            .Select(i => DemoNotes.ForCase(faker, OpenCase(faker.PickRandom(Services.Titles.Keys.ToArray()), faker.Random.Int(20, 300)), "Jordan", Worker, CaseloadApp.Start, i))
            .ToList();
        var notes = built.SelectMany(b => b.Notes).ToList();
        var versions = notes.SelectMany(n => n.Versions).ToList();

        Assert.All(built, b => Assert.InRange(b.Notes.Count, 1, 4));
        Assert.All(versions, v => Assert.True(v.OccurredAt < CaseloadApp.Start.AddHours(-2) && v.RecordedAt > v.OccurredAt && v.RecordedAt <= CaseloadApp.Start));
        Assert.All(versions.Where(v => v.IsLateEntry), v => Assert.False(string.IsNullOrEmpty(v.LateEntryReason)));
        Assert.Contains(versions, v => v.IsLateEntry);
        Assert.Contains(notes, n => n.Versions.Count == 2 && n.Versions[1].AmendmentReason is not null && !n.Versions[0].IsCurrent);
        Assert.Contains(built, b => b.SafeguardingConcern);
        Assert.True(versions.Select(v => v.Type).Distinct().Count() >= 8);
        // Varied wording: the reworded notes appear beside the ones they reword.
        Assert.Contains(versions, v => v.WhatHappened.StartsWith("Planned visit at 4pm.", StringComparison.Ordinal));
        Assert.Contains(versions, v => v.WhatHappened.StartsWith("Visited at the family home as planned.", StringComparison.Ordinal));
        var tasks = built.SelectMany(b => b.Tasks).ToList();
        Assert.Contains(tasks, t => t.Status == CaseTaskStatus.Open);
        Assert.Contains(tasks, t => t.Status == CaseTaskStatus.Done && t.ClosedAt <= CaseloadApp.Start);
        Assert.All(tasks, t => Assert.Contains(notes, n => n.Id == t.NoteId));
    }

    [Fact]
    public void The_same_seed_gives_the_same_notes()
    {
        static IEnumerable<string> Build()
        {
            var faker = new Faker("en_GB") { Random = new Randomizer(7) };
            var @case = OpenCase(Services.EarlyHelp, 100);
            @case.Id = Guid.Empty;
            return DemoNotes.ForCase(faker, @case, "Jordan", Worker, CaseloadApp.Start, 3).Notes
                .SelectMany(n => n.Versions).Select(v => $"{v.OccurredAt:O}|{v.RecordedAt:O}|{v.Type}|{v.WhatHappened}");
        }

        Assert.Equal(Build(), Build());
    }
}
