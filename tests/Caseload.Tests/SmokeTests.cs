namespace Caseload.Tests;

public class SmokeTests
{
    [Fact]
    public void Arithmetic_holds() => Assert.Equal(4, 2 + 2);
}
