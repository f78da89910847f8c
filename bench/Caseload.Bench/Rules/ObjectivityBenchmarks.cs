using BenchmarkDotNet.Attributes;
using Caseload.Features.Notes.Objectivity;

namespace Caseload.Bench.Rules;

/// <summary>The objectivity check runs before every case note is saved; a typical note is about 2,000 characters.</summary>
[MemoryDiagnoser]
public class ObjectivityBenchmarks
{
    // An invented home-visit note with quoted and reported speech, measurements and a few opinionated phrases.
    private const string TypicalNoteText = """
        Home visit 14 March, 10:30 to 11:45. Present: mum (Ms Carter), K (9), T (4) and me. Dad was not present.
        The front door was answered after 5 minutes of knocking. Mum said she had been up all night with T, who has a cough.
        The living room was cluttered with washing and there were 3 full bin bags by the back door. The kitchen was filthy:
        dirty plates on every surface and a strong smell from the fridge. There was half a loaf of bread and no milk.
        K showed me her bedroom. She has a bed with a duvet and sheets; the carpet had a 20 cm stain by the window.
        K said "Mum is always tired and shouts at us", then laughed and said she was joking. She told me school is "boring".
        T was in a vest and nappy and was wet. Mum changed him when I mentioned it. He played with cars on the floor and
        came to me for a cuddle twice. I think mum is probably depressed and clearly not coping with two children on her own.
        Mum described the school as useless and said the teachers never listen to her. According to the school, K's attendance
        this term is 84% and she has been late 9 times. Mum said K always gets herself ready in the morning.
        We talked about the early help plan. Mum agreed to a referral to the family hub for the parenting group, which starts
        on 2 April, and to see her GP about her sleep. She asked whether the health visitor could come on a Tuesday.
        I asked mum whether dad is always this late with maintenance payments; she said "he's a waste of space".
        Mum seems to be struggling and the house was a complete tip. Dad is a bad influence and typical of this family.
        Before I left, K asked if she could go to her friend's house after school; mum said yes if she is back by 6pm.
        Mum's sister Jo arrived at 11:30 and said she would help with the school run on Mondays and Wednesdays. Jo told me
        mum "has always been a brilliant mum" and that the flat is usually tidier than this.
        Actions: I will send the referral by 18 March. Mum will book a GP appointment this week. Next visit 28 March at 10am.
        """;

    private const string CleanNoteText = """
        Office visit 3 June, 14:00 to 14:50, with Amir (17) and his mother. Amir has completed 4 of the 6 modules of his
        level 2 course and his attendance since January is 91%. He has applied for two engineering apprenticeships and has an
        interview on 12 June at 9:30. We practised interview questions for 20 minutes; he answered all eight and asked two
        questions of his own. His mother asked about travel costs; I explained the 16 to 19 bursary and gave her the form.
        Amir said he would like to visit the college open evening on 19 June. I booked a follow-up for 26 June at 14:00.
        The school confirmed his predicted grades: 5 in maths and 4 in English. No concerns were raised by the school or
        by his mother. Amir signed his action plan and took a copy. I emailed the plan to the school careers lead at 15:10.
        """;

    private ObjectivityRuleSet rules = null!;
    private ObjectivityCheck check = null!;

    [GlobalSetup]
    public void Setup()
    {
        rules = ObjectivityRuleSet.Default;
        check = new ObjectivityCheck(rules);
    }

    [Benchmark(Baseline = true, Description = "typical note with findings (~2,000 chars)")]
    public int TypicalNoteWithFindings() => check.Check(TypicalNoteText).Count;

    [Benchmark(Description = "clean note, no findings (~1,000 chars)")]
    public int CleanNoteWithoutFindings() => check.Check(CleanNoteText).Count;

    [Benchmark(Description = "compile the default rules")]
    public ObjectivityCheck CompileDefaultRules() => new(rules);
}
