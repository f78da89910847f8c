using System.Globalization;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>Dates in test data are written yyyy-MM-dd, read the same way on every machine.</summary>
internal static class IsoDate
{
    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
