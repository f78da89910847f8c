using Caseload.Features.Worklist;

namespace Caseload.Tests.Features.Worklist;

internal static class Ranking
{
    /// <summary>The first case scores strictly higher, so it comes first on the worklist by priority and not by a tie-break.</summary>
    public static void AssertRanksAbove(PriorityInputBuilder higher, PriorityInputBuilder lower)
    {
        var first = higher.Assess();
        var second = lower.Assess();
        Assert.True(
            first.Score > second.Score,
            $"Expected this case:\n  {first.Explain()}\nto rank above this one:\n  {second.Explain()}");
        Assert.True(PriorityOrder.WorkFirst.Compare(first, second) < 0);
        Assert.True(PriorityOrder.WorkFirst.Compare(second, first) > 0);
    }

    public static void AssertRanksEqual(PriorityInputBuilder one, PriorityInputBuilder other)
    {
        var first = one.Assess();
        var second = other.Assess();
        Assert.True(
            first.Score == second.Score,
            $"Expected these cases to score the same:\n  {first.Explain()}\n  {second.Explain()}");
    }
}
