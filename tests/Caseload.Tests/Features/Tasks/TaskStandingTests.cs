using Caseload.Features.Tasks;

namespace Caseload.Tests.Features.Tasks;

public class TaskStandingTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void An_open_task_due_today_says_due_today_not_open()
    {
        Assert.Equal("Due today", TaskRules.Standing(CaseTaskStatus.Open, Today, Today).Text);
        Assert.Equal("Overdue", TaskRules.Standing(CaseTaskStatus.Open, Today.AddDays(-1), Today).Text);
        Assert.Equal("Open", TaskRules.Standing(CaseTaskStatus.Open, Today.AddDays(1), Today).Text);
        Assert.Equal("Done", TaskRules.Standing(CaseTaskStatus.Done, Today, Today).Text);
        Assert.Equal("Not done", TaskRules.Standing(CaseTaskStatus.NotDone, Today.AddDays(-3), Today).Text);
    }
}
