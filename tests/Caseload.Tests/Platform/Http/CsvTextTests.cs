using Caseload.Platform.Http;

namespace Caseload.Tests.Platform.Http;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://example.test\")", "\"'=HYPERLINK(\"\"http://example.test\"\")\"")]
    [InlineData("+44 7700 900000", "'+44 7700 900000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    public void A_cell_a_spreadsheet_would_read_as_a_formula_is_prefixed_so_it_shows_as_text(string value, string cell) =>
        Assert.Equal(cell, CsvText.Cell(value));

    [Theory]
    [InlineData("Alex Taylor", "Alex Taylor")]
    [InlineData("Taylor, Alex", "\"Taylor, Alex\"")]
    [InlineData("He said \"no\"", "\"He said \"\"no\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("2026-11-23", "2026-11-23")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cells_follow_rfc_4180(string? value, string cell) => Assert.Equal(cell, CsvText.Cell(value));

    [Fact]
    public void A_row_is_its_cells_joined_by_commas_and_ended_by_crlf() =>
        Assert.Equal("a,\"b,c\",,'=1\r\n", CsvText.Row(["a", "b,c", null, "=1"]));
}
