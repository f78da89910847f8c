using System.Text;

namespace Caseload.Platform.Http;

/// <summary>
/// CSV for exports (RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or line break in double quotes).
/// Safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab or carriage return) would be read as a formula,
/// so it is prefixed with an apostrophe and shows as the text it is (OWASP, CSV injection).
/// </summary>
public static class CsvText
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>UTF-8 with a byte order mark, so spreadsheet programs read names with accents as they are.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0) text = "'" + text;
        return text.IndexOfAny(NeedsQuotes) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";
}
