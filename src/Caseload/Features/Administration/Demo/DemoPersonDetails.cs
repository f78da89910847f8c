using Randomizer = Bogus.Randomizer;
using Caseload.Features.People;

namespace Caseload.Features.Administration.Demo;

/// <summary>
/// Varied sex, ethnicity and postcode for demo people: most recorded, some not; ethnicity weighted roughly as a northern English
/// city's children are, so an anonymised export has groups to keep and groups to generalise; postcodes in a handful of districts.
/// </summary>
internal static class DemoPersonDetails
{
    private static readonly string[] SexCodes = [Sexes.Female, Sexes.Male, Sexes.Other, Sexes.NotKnown];
    private static readonly float[] SexWeights = [0.47f, 0.47f, 0.02f, 0.04f];

    private static readonly string[] EthnicityCodes =
        ["WBRI", "WIRI", "WIRT", "WROM", "WOTH", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"];

    private static readonly float[] EthnicityWeights =
        [0.6f, 0.01f, 0.01f, 0.02f, 0.05f, 0.02f, 0.01f, 0.02f, 0.02f, 0.03f, 0.06f, 0.02f, 0.01f, 0.01f, 0.04f, 0.01f, 0.01f, 0.01f, 0.01f, 0.03f];

    private static readonly string[] Districts = ["LS6", "LS7", "LS8", "LS9", "LS11", "LS12", "LS14", "BD3"];
    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    public static void Fill(Person person, Randomizer random)
    {
        person.Sex = random.Int(0, 19) == 0 ? null : random.WeightedRandom(SexCodes, SexWeights);
        person.Ethnicity = random.Int(0, 9) == 0 ? null : random.WeightedRandom(EthnicityCodes, EthnicityWeights);
        person.Postcode = random.Int(0, 7) == 0
            ? null
            : $"{random.ArrayElement(Districts)} {random.Int(1, 9)}{InwardLetters[random.Int(0, InwardLetters.Length - 1)]}{InwardLetters[random.Int(0, InwardLetters.Length - 1)]}";
    }
}
