using BenchmarkDotNet.Attributes;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Caseload.Features.Worklist;

namespace Caseload.Bench.Rules;

/// <summary>Assessing and ranking a whole authority's open cases (150,000) with the default weights.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class PriorityBenchmarks
{
    private const int Cases = 150_000;
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly string[] Codes = [.. Characteristics.Titles.Keys];

    private readonly PriorityRules rules = PriorityRules.Default;
    private PriorityInput[] inputs = [];

    [GlobalSetup]
    public void GenerateCaseload()
    {
        // A fixed seed so every run measures the same caseload; the mix is roughly a real one:
        // mostly green and amber, a few red, most cases with a deadline or two and some drift.
        var random = new Random(20261102);
        inputs = new PriorityInput[Cases];
        for (var i = 0; i < Cases; i++)
        {
            var deadlines = new PriorityDeadline[random.Next(0, 4)];
            for (var d = 0; d < deadlines.Length; d++)
            {
                deadlines[d] = new PriorityDeadline("single assessment", random.Next(3) == 0, random.Next(-15, 30));
            }

            var characteristics = new string[random.Next(0, 3)];
            for (var c = 0; c < characteristics.Length; c++)
            {
                characteristics[c] = Codes[random.Next(Codes.Length)];
            }

            inputs[i] = new PriorityInput
            {
                Risk = (Risk)(random.Next(10) switch { < 6 => 0, < 9 => 1, _ => 2 }),
                SafeguardingConcern = random.Next(20) == 0,
                AgeInYears = random.Next(20) == 0 ? null : random.Next(0, 25),
                Characteristics = characteristics,
                Deadlines = deadlines,
                WorkingDaysSinceLastContact = random.Next(50) == 0 ? null : random.Next(0, 60),
                ExpectedContactEveryWorkingDays = random.Next(10) == 0 ? null : random.Next(5, 21),
                OverdueTasks = random.Next(10) < 7 ? 0 : random.Next(1, 8),
                ReviewOverdueByWorkingDays = random.Next(5) == 0 ? random.Next(1, 30) : null,
                Override = random.Next(100) switch
                {
                    0 => new PriorityOverride(OverrideDirection.Raise, "Court hearing brought forward", "sue.supervisor", Today.AddDays(random.Next(-10, 30))),
                    1 => new PriorityOverride(OverrideDirection.Lower, "Family engaging well", "sue.supervisor", null),
                    _ => null,
                },
                Today = Today,
            };
        }
    }

    [Benchmark]
    public long Assess150000()
    {
        long total = 0;
        foreach (var input in inputs)
        {
            total += rules.Assess(input).Score;
        }

        return total;
    }

    [Benchmark]
    public PriorityAssessment AssessAndRank150000()
    {
        var assessments = new PriorityAssessment[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            assessments[i] = rules.Assess(inputs[i]);
        }

        Array.Sort(assessments, PriorityOrder.WorkFirst);
        return assessments[0];
    }
}
