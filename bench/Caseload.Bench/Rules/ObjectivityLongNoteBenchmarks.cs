using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Caseload.Features.Notes.Objectivity;

namespace Caseload.Bench.Rules;

/// <summary>
/// Checking a long note (2,000 words, the size of a detailed assessment visit) with today's rules (word classes and the
/// AFINN-165 and VADER lexicons) beside the rules as they were before them, in the same run. Target: under 5 ms at the 95th percentile.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
public class ObjectivityLongNoteBenchmarks
{
    public const int NoteWords = 2_000;

    // Invented paragraphs of a long note: observations, measurements, quoted and reported speech and some opinion.
    private static readonly string[] Paragraphs =
    [
        "Home visit 14 March, 10:30 to 11:45. Present: mum (Ms Carter), K (9), T (4) and me. Dad was not present. The front door was answered after 5 minutes of knocking. Mum said she had been up all night with T, who has a cough.",
        "The living room was cluttered with washing and there were 3 full bin bags by the back door. The kitchen was filthy: dirty plates on every surface and a strong smell from the fridge. There was half a loaf of bread and no milk.",
        "K showed me her bedroom. She has a bed with a duvet and sheets; the carpet had a 20 cm stain by the window. K said \"Mum is always tired and shouts at us\", then laughed and said she was joking. She told me school is \"boring\".",
        "T was in a vest and nappy and was wet. Mum changed him when I mentioned it. He played with cars on the floor and came to me for a cuddle twice. I think mum is probably depressed and clearly not coping with two children on her own.",
        "Mum described the school as useless and said the teachers never listen to her. According to the school, K's attendance this term is 84% and she has been late 9 times. Mum is a lovely woman who is doing her best.",
        "We talked about the early help plan. Mum agreed to a referral to the family hub for the parenting group, which starts on 2 April, and to see her GP about her sleep. She asked whether the health visitor could come on a Tuesday.",
        "Dad is a waste of space and will end up in prison. The flat feels grotty and the estate is a dump. K is a delightful girl and a credit to her mum, but she is heading for a fall at secondary school.",
        "Mum's sister Jo arrived at 11:30 and said she would help with the school run on Mondays and Wednesdays. Jo told me mum \"has always been a brilliant mum\" and that the flat is usually tidier than this. Actions: I will send the referral by 18 March.",
    ];

    private ObjectivityCheck today = null!;
    private ObjectivityCheck before = null!;
    private ObjectivityCheck withModel = null!;

    public static string LongNote { get; } = BuildNote();

    [GlobalSetup]
    public void Setup()
    {
        today = new ObjectivityCheck(ObjectivityRuleSet.Default);
        withModel = new ObjectivityCheck(ObjectivityRuleSet.Default, ObjectivityModel.Shipped);
        using var stream = typeof(ObjectivityLongNoteBenchmarks).Assembly.GetManifestResourceStream("Caseload.Bench.Rules.objectivity-rules-before-lexicon.json")
            ?? throw new InvalidOperationException("The earlier rules are not embedded.");
        using var reader = new StreamReader(stream);
        before = new ObjectivityCheck(ObjectivityRuleSet.Parse(reader.ReadToEnd()));
    }

    [Benchmark(Baseline = true, Description = "2,000-word note, rules before the lexicon")]
    public int RulesBeforeTheLexicon() => before.Check(LongNote).Count;

    [Benchmark(Description = "2,000-word note, today's rules")]
    public int TodaysRules() => today.Check(LongNote).Count;

    [Benchmark(Description = "2,000-word note, today's rules and the statistical model")]
    public int TodaysRulesAndModel() => withModel.Check(LongNote).Count;

    private static string BuildNote()
    {
        var note = new StringBuilder();
        var words = 0;
        for (var i = 0; words < NoteWords; i++)
        {
            var paragraph = Paragraphs[i % Paragraphs.Length];
            note.Append(paragraph).Append('\n');
            words += paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        return note.ToString();
    }

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.P95);
    }
}
