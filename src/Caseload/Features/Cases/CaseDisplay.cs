namespace Caseload.Features.Cases;

/// <summary>How a case's risk and status read on a page: colour and words, never colour alone.</summary>
public static class CaseDisplay
{
    public static string RiskTagClass(Risk risk) => risk switch
    {
        Risk.Red => "govuk-tag govuk-tag--red",
        Risk.Amber => "govuk-tag govuk-tag--orange",
        Risk.Green => "govuk-tag govuk-tag--green",
        _ => "govuk-tag",
    };

    public static string RiskText(Risk risk) => risk switch
    {
        Risk.Red => "Red risk",
        Risk.Amber => "Amber risk",
        Risk.Green => "Green risk",
        _ => "Unknown",
    };

    public static string StatusText(CaseStatus status) => status switch
    {
        CaseStatus.Referred => "Referred – awaiting allocation",
        CaseStatus.Open => "Open",
        CaseStatus.Closed => "Closed",
        _ => status.ToString(),
    };
}
