using Caseload.Platform.Audit;

namespace Caseload.Tests.Platform.Audit;

/// <summary>The audit trail speaks plain words: every action code has a name, and routes read as pages or API calls.</summary>
public class AuditActionNamesTests
{
    [Fact]
    public void Every_action_code_has_a_name_in_plain_words_and_no_name_is_left_over()
    {
        var missing = AuditActions.All.Where(code => AuditActionNames.Title(code) == code).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Codes without a name in AuditActionNames: " + string.Join(", ", missing));
        var stale = AuditActionNames.Named.Where(code => !AuditActions.IsKnown(code)).ToList();
        Assert.True(stale.Count == 0, "Names for codes that no longer exist: " + string.Join(", ", stale));
        Assert.All(AuditActions.All, code => Assert.DoesNotContain(".", AuditActionNames.Title(code), StringComparison.Ordinal));
        Assert.Equal("Viewed a worklist", AuditActionNames.Title(AuditActions.WorklistViewed));
    }

    [Fact]
    public void A_route_reads_as_a_page_or_an_api_call_with_ids_named_and_the_query_decoded()
    {
        Assert.Equal("Page /Cases/{id}/Priority", AuditActionNames.Route("GET /Cases/0193a0c4-5b7e-7d1a-9c3e-2f4b6a8d0e12/Priority"));
        Assert.Equal("API (POST) /api/v1/cases/{id}/notes", AuditActionNames.Route("POST /api/v1/cases/0193A0C4-5B7E-7D1A-9C3E-2F4B6A8D0E12/notes"));
        Assert.Equal("Page /Notes/Search?q=Jordan Ellis", AuditActionNames.Route("GET /Notes/Search?q=Jordan%20Ellis"));
        Assert.Equal("", AuditActionNames.Route(null));
    }
}
