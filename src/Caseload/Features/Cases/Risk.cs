namespace Caseload.Features.Cases;

/// <summary>The practitioner's risk rating of a case, red being the highest.</summary>
public enum Risk
{
    Green = 0,
    Amber = 1,
    Red = 2,
}

public static class RiskCodes
{
    public static string ToCode(this Risk risk) => risk switch
    {
        Risk.Green => "green",
        Risk.Amber => "amber",
        Risk.Red => "red",
        _ => throw new ArgumentOutOfRangeException(nameof(risk)),
    };

    public static bool TryParse(string? code, out Risk risk)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "green": risk = Risk.Green; return true;
            case "amber": risk = Risk.Amber; return true;
            case "red": risk = Risk.Red; return true;
            default: risk = Risk.Green; return false;
        }
    }
}
