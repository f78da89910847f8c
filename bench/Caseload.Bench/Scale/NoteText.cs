using System.Globalization;
using System.Text;

namespace Caseload.Bench.Scale;

/// <summary>
/// Synthetic case-note text with a long-tailed vocabulary, as real notes have: a few words in most notes ("visit",
/// "school"), many in few (a street, a school, a medicine). Deterministic for a given random source.
/// </summary>
public static class NoteText
{
    private static readonly string[] Children = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theo", "Jack", "Aisha", "Zara", "Kai", "Rhys", "Seren", "Callum", "Eilidh", "Niamh", "Ciaran", "Priya"];
    private static readonly string[] Adults = ["mum", "dad", "nan", "grandad", "stepdad", "aunt", "uncle", "foster carer", "older sister", "older brother"];
    private static readonly string[] Professionals = ["class teacher", "head of year", "school nurse", "health visitor", "GP", "SENCO", "youth worker", "family support worker", "police officer", "housing officer", "CAMHS clinician", "careers adviser", "speech and language therapist", "educational psychologist", "social worker"];
    private static readonly string[] Places = ["at home", "in the kitchen", "in the living room", "at school", "in the school office", "at the family centre", "at the youth club", "in the car", "at the park", "at the GP surgery", "at college", "at the library"];
    private static readonly string[] StreetStems = ["Ash", "Beech", "Birch", "Cedar", "Elm", "Hazel", "Holly", "Larch", "Maple", "Oak", "Pine", "Rowan", "Willow", "Yew", "Alder", "Aspen", "Bramble", "Clover", "Daisy", "Fern", "Heather", "Ivy", "Juniper", "Laurel", "Linden", "Myrtle", "Poplar", "Sorrel", "Thistle", "Violet", "Abbey", "Bridge", "Castle", "Church", "Dale", "Field", "Glen", "Hill", "Lake", "Mill", "Moor", "Park", "Priory", "Quarry", "River", "Station", "Tower", "Valley", "Well", "Wood"];
    private static readonly string[] StreetEnds = ["grove", "field", "croft", "mead", "lea", "bank", "gate", "side", "hurst", "worth", "wick", "thorpe"];
    private static readonly string[] StreetTypes = ["Road", "Street", "Close", "Avenue", "Lane", "Drive", "Way", "Crescent"];
    private static readonly string[] Schools = ["St Mary's Primary", "Oakfield Academy", "Riverside Primary", "Hillcrest High", "Northgate School", "Brookside Infants", "Kingsway Juniors", "St Anne's Catholic Primary", "Meadowbank Academy", "Westfield College", "Highview Secondary", "Parkland Primary", "Holy Trinity Primary", "Ashton Park School", "Greenacres Nursery"];
    private static readonly string[] Items = ["bike", "tablet", "school bag", "football boots", "inhaler", "glasses", "hearing aid", "phone", "uniform", "coat", "lunchbox", "reading book", "PE kit", "calculator", "art folder"];
    private static readonly string[] Medicines = ["melatonin", "methylphenidate", "salbutamol", "sertraline", "fluoxetine", "amoxicillin", "ibuprofen", "paracetamol", "cetirizine", "beclometasone"];
    private static readonly string[] Topics = ["attendance", "sleep", "eating", "friendships", "bullying", "homework", "housing", "benefits", "rent arrears", "dental care", "speech", "reading", "behaviour at school", "college applications", "apprenticeships", "part-time work", "online safety", "contact with dad", "exclusion", "transport to school"];
    private static readonly string[] Quotes = ["fine", "tired", "worried", "happy", "scared", "bored", "angry", "okay", "stressed", "lonely", "excited", "fed up"];
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static int StreetCount => StreetStems.Length * StreetEnds.Length * StreetTypes.Length;

    public static string Street(int i) =>
        $"{StreetStems[i % StreetStems.Length]}{StreetEnds[i / StreetStems.Length % StreetEnds.Length]} {StreetTypes[i / (StreetStems.Length * StreetEnds.Length) % StreetTypes.Length]}";

    public static (string Present, string WhatHappened, string WhatWasDone, string Outcome) Note(Random random, string child)
    {
        ArgumentNullException.ThrowIfNull(random);
        var adult = Pick(random, Adults);
        var present = $"{Cap(adult)} and {child}" + (random.NextDouble() < 0.3 ? $"; {Pick(random, Professionals)}" : "");
        var what = new StringBuilder();
        what.Append(CultureInfo.InvariantCulture, $"Visit {Pick(random, Places)} at {Street(random.Next(StreetCount))}. ");
        var sentences = random.Next(3, 7);
        for (var s = 0; s < sentences; s++) what.Append(Sentence(random, child, adult)).Append(' ');
        var done = random.NextDouble() < 0.7 ? $"Spoke with the {Pick(random, Professionals)} about {Pick(random, Topics)}. {Sentence(random, child, adult)}" : $"Gave {adult} information about {Pick(random, Topics)}.";
        var outcome = random.NextDouble() < 0.6 ? $"Plan reviewed; next visit on {Pick(random, Days)}." : $"{child} agreed to keep a diary of {Pick(random, Topics)}.";
        return (present, what.ToString().TrimEnd(), done, outcome);
    }

    private static string Sentence(Random random, string child, string adult) => random.Next(16) switch
    {
        0 => $"{child} said they felt \"{Pick(random, Quotes)}\" about {Pick(random, Topics)}.",
        1 => $"{Cap(adult)} told me {child} has been going to bed at {random.Next(8, 12)}pm on school nights.",
        2 => $"{child} showed me their {Pick(random, Items)}.",
        3 => $"The {Pick(random, Professionals)} reported attendance of {random.Next(60, 100)}% this term at {Pick(random, Schools)}.",
        4 => $"{Cap(adult)} said the {Pick(random, Items)} had been lost on {Pick(random, Days)}.",
        5 => $"{child} takes {Pick(random, Medicines)} as prescribed by the GP.",
        6 => $"We talked about {Pick(random, Topics)} and {Pick(random, Topics)}.",
        7 => $"The kitchen had food in the fridge and cupboards; {child}'s room had a bed with clean bedding.",
        8 => $"{Cap(adult)} asked for help with {Pick(random, Topics)}.",
        9 => $"{child} was wearing a {Pick(random, Items)} and had a {random.Next(1, 6)} cm scratch on the left hand, which {adult} said happened at the park.",
        10 => $"I saw {child} alone for {random.Next(5, 30)} minutes in their room.",
        11 => $"{child} read a page of their reading book aloud to me.",
        12 => $"The next appointment with the {Pick(random, Professionals)} is on {Pick(random, Days)}.",
        13 => $"{Cap(adult)} said money is short this month because of {Pick(random, Topics)}.",
        14 => $"{child} said school at {Pick(random, Schools)} is \"{Pick(random, Quotes)}\".",
        _ => $"{child} and {adult} were calm during the visit.",
    };

    public static string Child(Random random) => Pick(random, Children);

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
