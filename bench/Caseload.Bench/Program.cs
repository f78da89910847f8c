using BenchmarkDotNet.Running;
using Caseload.Bench.Scale;
using Caseload.Data;

namespace Caseload.Bench;

public static class BenchProgram
{
    private const string Usage = """
        usage:
          Caseload.Bench rules [BenchmarkDotNet args, e.g. --filter '*WorkingDay*']
          Caseload.Bench mycases [--provider sqlite|postgres] [--people 100000] [--cases 150000] [--iterations 300] [--connection <postgres server>] [--database <name>]
          Caseload.Bench worklist [--provider sqlite|postgres] [--people 100000] [--cases 150000] [--notes 3000000] [--iterations 200] [--part every-case] [--connection <postgres server>] [--database <name>]
          Caseload.Bench drift [--provider sqlite|postgres] [--people 100000] [--cases 150000] [--notes 3000000] [--iterations 200] [--part every-case] [--connection <postgres server>] [--database <name>]
          Caseload.Bench notesearch [--provider sqlite|postgres] [--people 100000] [--cases 150000] [--notes 3000000] [--rounds 20] [--connection <postgres server>] [--database <name>]
          Caseload.Bench allocation [--provider sqlite|postgres] [--people 100000] [--cases 150000] [--iterations 200] [--connection <postgres server>] [--database <name>]
          Caseload.Bench teamview [--provider sqlite|postgres] [--people 100000] [--cases 150000] [--iterations 200] [--manager-iterations 40] [--connection <postgres server>] [--database <name>]
          Caseload.Bench personsearch [--provider sqlite|postgres] [--people 100000] [--cases 150000] [--iterations 100] [--connection <postgres server>] [--database <name>]
          Caseload.Bench http [--provider sqlite|postgres] [--people 100000] [--cases 150000] [--notes 0] [--users 1,8,32] [--seconds 20] [--instances 0|1|2] [--only "worklist API"] [--connection <postgres server>] [--database <name>]
          Caseload.Bench reports [--provider sqlite|postgres] [--people 100000] [--cases 150000] [--notes 0] [--iterations 20] [--months 24] [--only recording] [--connection <postgres server>] [--database <name>]
          Caseload.Bench auditview [--provider sqlite|postgres] [--people 100000] [--cases 150000] [--months 3] [--views-per-day 5] [--reads-per-day 10] [--views 500] [--iterations 300] [--connection <postgres server>] [--database <name>]
        """;

    public static async Task<int> Main(string[] args)
    {
        // `rules` runs the BenchmarkDotNet micro-benchmarks of the pure rules in this assembly.
        if (args.Length > 0 && args[0] == "rules")
        {
            BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args[1..]);
            return 0;
        }

        if (args.Length > 0 && args[0] == "mycases")
        {
            var options = Options(args[1..]);
            var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "sqlite"), ignoreCase: true);
            var people = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("people", "100000"));
            var cases = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("cases", "150000"));
            var iterations = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("iterations", "300"));
            await using var database = await BenchDatabase.OpenAsync(provider, options.GetValueOrDefault("database", $"caseload-{people}-{cases}"), options.GetValueOrDefault("connection"), RepoRoot());
            await AuthorityGenerator.EnsureAsync(database, people, cases);
            await MyCasesBenchmark.RunAsync(database, iterations);
            return 0;
        }

        if (args.Length > 0 && args[0] == "worklist")
        {
            var options = Options(args[1..]);
            var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "sqlite"), ignoreCase: true);
            var people = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("people", "100000"));
            var cases = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("cases", "150000"));
            var notes = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("notes", "3000000"));
            await using var database = await BenchDatabase.OpenAsync(provider, options.GetValueOrDefault("database", $"caseload-{people}-{cases}"), options.GetValueOrDefault("connection"), RepoRoot());
            await AuthorityGenerator.EnsureAsync(database, people, cases);
            await NoteGenerator.EnsureAsync(database, notes);
            await WorklistBenchmark.RunAsync(database, MyCasesBenchmark.ParseInt(options.GetValueOrDefault("iterations", "200")),
                everyCaseOnly: options.GetValueOrDefault("part") == "every-case");
            return 0;
        }

        if (args.Length > 0 && args[0] == "drift")
        {
            var options = Options(args[1..]);
            var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "sqlite"), ignoreCase: true);
            var people = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("people", "100000"));
            var cases = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("cases", "150000"));
            var notes = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("notes", "3000000"));
            await using var database = await BenchDatabase.OpenAsync(provider, options.GetValueOrDefault("database", $"caseload-{people}-{cases}"), options.GetValueOrDefault("connection"), RepoRoot());
            await AuthorityGenerator.EnsureAsync(database, people, cases);
            await NoteGenerator.EnsureAsync(database, notes);
            await DriftBenchmark.RunAsync(database, MyCasesBenchmark.ParseInt(options.GetValueOrDefault("iterations", "200")),
                everyCaseOnly: options.GetValueOrDefault("part") == "every-case");
            return 0;
        }

        if (args.Length > 0 && args[0] == "personsearch")
        {
            var options = Options(args[1..]);
            var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "sqlite"), ignoreCase: true);
            var people = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("people", "100000"));
            var cases = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("cases", "150000"));
            await using var database = await BenchDatabase.OpenAsync(provider, options.GetValueOrDefault("database", $"caseload-{people}-{cases}"), options.GetValueOrDefault("connection"), RepoRoot());
            await AuthorityGenerator.EnsureAsync(database, people, cases);
            await PersonSearchBenchmark.RunAsync(database, MyCasesBenchmark.ParseInt(options.GetValueOrDefault("iterations", "100")));
            return 0;
        }

        if (args.Length > 0 && args[0] == "notesearch")
        {
            var options = Options(args[1..]);
            var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "sqlite"), ignoreCase: true);
            var people = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("people", "100000"));
            var cases = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("cases", "150000"));
            var notes = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("notes", "3000000"));
            var rounds = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("rounds", "20"));
            await using var database = await BenchDatabase.OpenAsync(provider, options.GetValueOrDefault("database", $"caseload-{people}-{cases}"), options.GetValueOrDefault("connection"), RepoRoot());
            await AuthorityGenerator.EnsureAsync(database, people, cases);
            // Notes are added to the same authority, and more can be added later: --notes 1000000 then 3000000 reuses the first million.
            await NoteGenerator.EnsureAsync(database, notes);
            if (rounds > 0) await NoteSearchBenchmark.RunAsync(database, rounds);
            return 0;
        }

        if (args.Length > 0 && args[0] is "allocation" or "teamview")
        {
            var options = Options(args[1..]);
            var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "sqlite"), ignoreCase: true);
            var people = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("people", "100000"));
            var cases = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("cases", "150000"));
            await using var database = await BenchDatabase.OpenAsync(provider, options.GetValueOrDefault("database", $"caseload-{people}-{cases}"), options.GetValueOrDefault("connection"), RepoRoot());
            await AuthorityGenerator.EnsureAsync(database, people, cases);
            var iterations = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("iterations", "200"));
            if (args[0] == "allocation") await AllocationOptionsBenchmark.RunAsync(database, iterations);
            else await TeamViewBenchmark.RunAsync(database, iterations, MyCasesBenchmark.ParseInt(options.GetValueOrDefault("manager-iterations", "40")));
            return 0;
        }

        if (args.Length > 0 && args[0] == "http")
        {
            var options = Options(args[1..]);
            var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "sqlite"), ignoreCase: true);
            var people = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("people", "100000"));
            var cases = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("cases", "150000"));
            var notes = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("notes", "0"));
            var root = RepoRoot();
            await using var database = await BenchDatabase.OpenAsync(provider, options.GetValueOrDefault("database", $"caseload-{people}-{cases}"), options.GetValueOrDefault("connection"), root);
            await AuthorityGenerator.EnsureAsync(database, people, cases);
            // Notes make the worklist's last contact and the search realistic; the authority's database is reused with those it has.
            if (notes > 0) await NoteGenerator.EnsureAsync(database, notes);
            var users = options.GetValueOrDefault("users", "1,8,32").Split(',').Select(MyCasesBenchmark.ParseInt).ToList();
            await HttpBenchmark.RunAsync(database, root, users, MyCasesBenchmark.ParseInt(options.GetValueOrDefault("seconds", "20")),
                MyCasesBenchmark.ParseInt(options.GetValueOrDefault("instances", "0")), options.GetValueOrDefault("only"));
            return 0;
        }

        if (args.Length > 0 && args[0] == "reports")
        {
            var options = Options(args[1..]);
            var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "sqlite"), ignoreCase: true);
            var people = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("people", "100000"));
            var cases = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("cases", "150000"));
            var notes = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("notes", "0"));
            var root = RepoRoot();
            await using var database = await BenchDatabase.OpenAsync(provider, options.GetValueOrDefault("database", $"caseload-{people}-{cases}"), options.GetValueOrDefault("connection"), root);
            await AuthorityGenerator.EnsureAsync(database, people, cases);
            // The recording report reads the notes of the period: the authority's database is reused with those it has.
            if (notes > 0) await NoteGenerator.EnsureAsync(database, notes);
            await HttpBenchmark.RunReportsAsync(database, root, MyCasesBenchmark.ParseInt(options.GetValueOrDefault("iterations", "20")),
                MyCasesBenchmark.ParseInt(options.GetValueOrDefault("months", "24")), options.GetValueOrDefault("only"));
            return 0;
        }

        if (args.Length > 0 && args[0] == "auditview")
        {
            var options = Options(args[1..]);
            var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "sqlite"), ignoreCase: true);
            var people = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("people", "100000"));
            var cases = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("cases", "150000"));
            var viewsPerDay = MyCasesBenchmark.ParseInt(options.GetValueOrDefault("views-per-day", "5"));
            await using var database = await BenchDatabase.OpenAsync(provider, options.GetValueOrDefault("database", $"caseload-{people}-{cases}"), options.GetValueOrDefault("connection"), RepoRoot());
            await AuthorityGenerator.EnsureAsync(database, people, cases);
            // The history is made once per database: a later run with other numbers reuses it.
            var history = await AuditHistoryGenerator.EnsureAsync(database, MyCasesBenchmark.ParseInt(options.GetValueOrDefault("months", "3")), viewsPerDay,
                MyCasesBenchmark.ParseInt(options.GetValueOrDefault("reads-per-day", "10")));
            await AuditViewBenchmark.RunAsync(database, history, MyCasesBenchmark.ParseInt(options.GetValueOrDefault("views", "500")),
                MyCasesBenchmark.ParseInt(options.GetValueOrDefault("iterations", "300")), viewsPerDay);
            return 0;
        }

        Console.Error.WriteLine(Usage);
        return 2;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
        return options;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Caseload.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
