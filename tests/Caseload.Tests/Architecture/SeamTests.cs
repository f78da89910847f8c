using System.Reflection;
using System.Text.RegularExpressions;
using Caseload.Platform.Audit;

namespace Caseload.Tests.Architecture;

/// <summary>The platform's seams hold: features do not go around them.</summary>
public sealed partial class SeamTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot(), "src", "Caseload");

    [Fact]
    public void No_feature_sets_or_parses_an_etag_by_hand()
    {
        var offenders = FeatureFiles().Where(f => File.ReadAllText(f).Contains("Headers.ETag", StringComparison.Ordinal)
            || File.ReadAllText(f).Contains("Headers.IfMatch", StringComparison.Ordinal)).Select(Relative).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void No_feature_writes_an_audit_action_as_a_bare_string()
    {
        var offenders = FeatureFiles()
            .SelectMany(f => BareAuditAction().Matches(File.ReadAllText(f)).Select(m => $"{Relative(f)}: {m.Value}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Audit_action_codes_are_unique()
    {
        var fields = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();
        Assert.Equal(fields.Count, AuditActions.All.Count);
        Assert.All(AuditActions.All, code => Assert.Matches("^[a-z-]+\\.[a-z-]+$", code));
    }

    private static IEnumerable<string> FeatureFiles() => Directory.EnumerateFiles(Path.Combine(Source, "Features"), "*.cs", SearchOption.AllDirectories);

    private static string Relative(string path) => Path.GetRelativePath(Source, path);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Caseload.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("The repository root (Caseload.slnx) was not found above the test assembly.");
    }

    [GeneratedRegex("""audit\.(Add|RecordReadAsync|RecordListAsync)\([^,]+,\s*"[^"]*"\s*,""")]
    private static partial Regex BareAuditAction();
}
