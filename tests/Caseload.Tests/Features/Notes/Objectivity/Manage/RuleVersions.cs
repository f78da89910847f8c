using Caseload.Features.Notes.Objectivity.Manage;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Notes.Objectivity.Manage;

internal static class RuleVersions
{
    /// <summary>Stored rule versions with a phrase holding <paramref name="word"/>, a test's own word: other tests add rules to
    /// the same database at the same time, so counting every version would race them.</summary>
    public static Task<int> WithPhraseAsync(CaseloadApp app, string word) =>
        app.WithDbAsync(db => db.Set<ObjectivityRuleVersion>().CountAsync(v => v.Phrases != null && v.Phrases.Contains(word)));
}
