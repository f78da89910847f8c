using BenchmarkDotNet.Running;

namespace Caseload.Bench;

public static class BenchProgram
{
    public static int Main(string[] args)
    {
        // `rules [BenchmarkDotNet args]` runs the BenchmarkDotNet micro-benchmarks of the pure rules in this assembly.
        if (args.Length > 0 && args[0] == "rules")
        {
            BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args[1..]);
            return 0;
        }

        Console.Error.WriteLine("usage: Caseload.Bench rules [--filter *Name*]");
        return 2;
    }
}
