using Caseload.Features.Plans;

namespace Caseload.Tests.Features.Plans;

public sealed class FeedbackRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static FeedbackInput Input(string? from = "Mum", DateOnly? on = null, string? method = "conversation", int? rating = 4, string? helped = "Someone to ring",
        string? better = "Later visits", IReadOnlyList<GoalViewInput?>? views = null) => new(from, on ?? Today, method, rating, helped, better, views);

    [Fact]
    public void Complete_feedback_passes()
    {
        var goal = Guid.NewGuid();
        Assert.Empty(FeedbackRules.Check(Input(views: [new GoalViewInput(goal, "Better mornings")]), new HashSet<Guid> { goal }, Today));
    }

    [Fact]
    public void Each_missing_or_wrong_field_is_named()
    {
        var errors = FeedbackRules.Check(Input(from: "", on: Today.AddDays(1), method: "online-form", rating: 0, helped: null, better: new string('x', 2001)),
            new HashSet<Guid>(), Today);
        Assert.Equal(["couldBeBetter", "from", "helped", "method", "rating", "receivedOn"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_view_must_be_on_a_goal_of_the_plan_in_force_once()
    {
        var goal = Guid.NewGuid();
        var errors = FeedbackRules.Check(Input(views: [new GoalViewInput(goal, "Fine"), new GoalViewInput(goal, "Again"), new GoalViewInput(Guid.NewGuid(), "Other"), null]),
            new HashSet<Guid> { goal }, Today);
        Assert.Equal(["goalViews[1].goalId", "goalViews[2].goalId", "goalViews[3]"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_familys_form_needs_only_who_and_the_rating()
    {
        Assert.Empty(FeedbackRules.CheckFamily(new FamilyFeedbackInput("parent-carer", 5, null, " ")));
        Assert.Equal(["rating", "writer"], FeedbackRules.CheckFamily(new FamilyFeedbackInput("grandad", 6, null, null)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_token_is_random_and_only_a_well_formed_one_hashes()
    {
        var a = FeedbackRules.NewToken();
        Assert.NotEqual(a, FeedbackRules.NewToken());
        Assert.Equal(43, a.Length);
        Assert.Equal(64, FeedbackRules.Hash(a)!.Length);
        Assert.Equal(FeedbackRules.Hash(a), FeedbackRules.Hash(a));
        Assert.Null(FeedbackRules.Hash("short"));
        Assert.Null(FeedbackRules.Hash(new string('a', 42) + "/"));
        Assert.Null(FeedbackRules.Hash(null));
    }
}
