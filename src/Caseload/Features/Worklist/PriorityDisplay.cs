namespace Caseload.Features.Worklist;

/// <summary>A worklist priority band as a tag: colour and words, never colour alone.</summary>
public static class PriorityDisplay
{
    public static string BandClass(PriorityBand band) => band switch
    {
        PriorityBand.Red => "govuk-tag govuk-tag--red",
        PriorityBand.Amber => "govuk-tag govuk-tag--orange",
        _ => "govuk-tag govuk-tag--green",
    };

    public static string BandText(PriorityBand band) => band switch
    {
        PriorityBand.Red => "Red priority",
        PriorityBand.Amber => "Amber priority",
        _ => "Green priority",
    };
}
