using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Caseload.Tests.Features.Reports;

/// <summary>Reads the first worksheet of an XLSX file as rows of cell text, as a spreadsheet would show the values.</summary>
public static class XlsxReader
{
    public static List<List<string>> Read(byte[] file)
    {
        using var stream = new MemoryStream(file);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheet = workbook.WorksheetParts.First().Worksheet;
        return sheet.Descendants<Row>().Select(r =>
        {
            // A blank cell may be left out of the file: place each cell by its reference (A1, B1, …), blanks as "".
            var row = new List<string>();
            foreach (var cell in r.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : row.Count;
                while (row.Count < column) row.Add("");
                row.Add(Text(cell, shared));
            }

            return row;
        }).ToList();
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        return index - 1;
    }

    private static string Text(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.SharedString) return shared[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)];
        return cell.CellValue?.Text ?? "";
    }
}
