using Caseload.Features.DataProtection.Audit;
using Caseload.Platform.Audit;

namespace Caseload.Tests.Features.DataProtection.Audit;

public class AuditSealRulesTests
{
    private static AuditEvent Event() => new()
    {
        Id = 42, At = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), UserId = "u1", UserName = "ann.lee", Action = AuditActions.CaseViewed,
        EntityType = "case", EntityId = "c1", CaseId = Guid.Parse("0195a000-0000-7000-8000-000000000001"), Route = "GET /api/v1/cases/c1", Details = null,
    };

    [Fact]
    public void Changing_any_field_changes_the_canonical_content()
    {
        var original = AuditSealRules.Canonical(Event(), []);
        var changed = new Action<AuditEvent>[]
        {
            e => e.UserName = "ann.le", e => e.Action = AuditActions.CaseUpdated, e => e.At = e.At.AddTicks(10), e => e.Details = "",
            e => e.CaseId = null, e => e.BreakGlass = true, e => e.IpAddress = "10.0.0.1", e => e.Route = "GET /api/v1/cases/c2",
        };
        foreach (var change in changed)
        {
            var e = Event();
            change(e);
            Assert.NotEqual(original, AuditSealRules.Canonical(e, []));
        }

        Assert.NotEqual(original, AuditSealRules.Canonical(Event(), [Guid.NewGuid()]));
    }

    [Fact]
    public void Fields_cannot_be_shifted_from_one_to_the_next()
    {
        var a = Event();
        a.UserName = "ab";
        a.Action = "c";
        var b = Event();
        b.UserName = "a";
        b.Action = "bc";
        Assert.NotEqual(AuditSealRules.Canonical(a, []), AuditSealRules.Canonical(b, []));
    }

    [Fact]
    public void A_batch_hash_chains_to_the_previous_batch_and_is_stable()
    {
        var content = new[] { AuditSealRules.Canonical(Event(), []) };
        var first = AuditSealRules.Hash(AuditSealRules.Genesis, content);

        Assert.Equal(first, AuditSealRules.Hash(AuditSealRules.Genesis, content));
        Assert.NotEqual(first, AuditSealRules.Hash(new string('1', 64), content));
        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(AuditSealRules.Canonical(Event(), [Guid.Parse("0195a000-0000-7000-8000-000000000002"), Guid.Parse("0195a000-0000-7000-8000-000000000001")]),
            AuditSealRules.Canonical(Event(), [Guid.Parse("0195a000-0000-7000-8000-000000000001"), Guid.Parse("0195a000-0000-7000-8000-000000000002")]));
    }
}
