using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Features.Capacity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Caseload.Bench.Scale;

/// <summary>
/// The served request, as a user gets it: the real app (Kestrel, real sign-in and tokens, the current user loaded, audit,
/// Razor rendering, JSON) in its own process on the benchmark's database, optionally behind nginx with one or more instances,
/// driven by concurrent users over HTTP in a mix of what practitioners and supervisors do. For each number of users it reports
/// throughput, p50/p95/p99 per request type, errors, the app's peak memory and the database's growth per 1,000 requests.
/// </summary>
public static partial class HttpBenchmark
{
    private const string Password = "Bench-Caseload-2026!";

    // What a practitioner does, by weight: the worklist (API and page), a case page, a note search, and now and then a note saved.
    private static readonly (string Kind, int Weight)[] PractitionerMix =
        [("worklist API", 30), ("worklist page", 15), ("case page", 30), ("note search API", 15), ("note save API", 10)];

    // A supervisor looks at their team: the capacity view as JSON and as the page, and the team page (practitioners, referrals
    // waiting, supervision due).
    private static readonly (string Kind, int Weight)[] SupervisorMix = [("team view API", 34), ("team view page", 33), ("team page", 33)];

    /// <summary>The generated authority's service manager of every service.</summary>
    private const string ManagerUserName = "service.manager";

    /// <summary>What a service manager opens, timed one request at a time after the levels: their view is every team of their services.</summary>
    private static readonly string[] ManagerPages = ["team page", "team view page", "team view API"];

    private static readonly string[] SearchTerms = ["school", "housing", "mother", "attendance", "anxious", "college", "sleep", "support"];

    public static async Task RunAsync(BenchDatabase authority, string repoRoot, IReadOnlyList<int> userCounts, int seconds, int instances, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        await WeighFirstAsync(authority);
        // The app writes (notes, audit, sign-ins): on a copy, so the authority the other benchmarks reuse stays as generated.
        var database = await authority.CopyAsync("http");
        try
        {
            await RunOnCopyAsync(database, repoRoot, userCounts, seconds, instances, only);
        }
        finally
        {
            await database.DropCopyAsync();
        }
    }

    /// <summary>
    /// Each open case's stored points, as the app's background job leaves them: else every copy's app re-weighs every open case
    /// (150,000 on the large authority) while it is being timed.
    /// </summary>
    private static async Task WeighFirstAsync(BenchDatabase authority)
    {
        await using var db = authority.CreateDb();
        var settings = new WeightingSettings(new ConfigurationBuilder().Build(),
            new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        var weighed = await new CaseWeightJob(db, settings, NullLogger<CaseWeightJob>.Instance).ReweighStaleAsync();
        if (weighed > 0) Console.WriteLine($"  {weighed:N0} open cases weighed first, as the app's background job does after a change of scheme");
    }

    private static async Task RunOnCopyAsync(BenchDatabase database, string repoRoot, IReadOnlyList<int> userCounts, int seconds, int instances, string? only)
    {
        var app = Path.Combine(repoRoot, "src", "Caseload", "bin", "Release", "net10.0", "Caseload.dll");
        if (!File.Exists(app)) throw new InvalidOperationException($"Build the app first (dotnet build -c Release): {app} is missing.");
        if (database.Provider == DatabaseProvider.Sqlite && instances > 1)
        {
            throw new InvalidOperationException("Several instances share a server database: use --provider postgres for --instances 2.");
        }

        if (only is not null && !PractitionerMix.Any(m => m.Kind == only))
        {
            throw new InvalidOperationException($"--only takes one of a practitioner's requests: {string.Join(", ", PractitionerMix.Select(m => $"\"{m.Kind}\""))}.");
        }

        var most = userCounts.Max();
        // With --only, every user is a practitioner sending that one request: what the app serves of it alone.
        var people = only is null
            ? await PrepareUsersAsync(database, practitioners: most - most / 8, supervisors: Math.Max(1, most / 8))
            : await PrepareUsersAsync(database, practitioners: most, supervisors: 0);
        Console.WriteLine($"HTTP benchmark on {database.Provider} ({(instances == 0 ? "one instance, Kestrel directly" : $"{instances} instance(s) behind nginx")}), " +
                          $"{seconds} s per level after a 5 s warm-up, users {string.Join(", ", userCounts)}{(only is null ? "" : $", only \"{only}\"")}");

        await using var cluster = await Cluster.StartAsync(database, repoRoot, app, instances);
        var sessions = new List<Session>();
        foreach (var person in people) sessions.Add(await Session.SignInAsync(cluster.Url, person));
        Console.WriteLine($"  start-up background work (drift scan, audit seal, weighing) ended {(await cluster.BackgroundSettledAsync(TimeSpan.FromMinutes(10))).TotalSeconds:F0} s after sign-in; timing starts now");

        Console.WriteLine($"  {"users",5} {"req/s",8} {"errors",7} {"peak MB",8} {"db KB/1k req",13}  request type: n, p50 / p95 / p99 ms");
        foreach (var users in userCounts)
        {
            // Every eighth user is a supervisor (none among fewer than eight); the rest are practitioners, each their own account.
            var chosen = only is not null ? sessions.Take(users).ToList() : Enumerable.Range(0, users).Select(i => i % 8 == 7
                ? sessions.Where(s => s.Person.IsSupervisor && s.Person.UserName != ManagerUserName).ElementAt(i / 8 % Math.Max(1, sessions.Count(s => s.Person.IsSupervisor && s.Person.UserName != ManagerUserName)))
                : sessions.Where(s => !s.Person.IsSupervisor).ElementAt(i - i / 8)).ToList();
            await DriveAsync(chosen, TimeSpan.FromSeconds(5), only);
            var sizeBefore = await cluster.DatabaseBytesAsync();
            var clock = Stopwatch.StartNew();
            var samples = await DriveAsync(chosen, TimeSpan.FromSeconds(seconds), only);
            var elapsed = clock.Elapsed.TotalSeconds;
            var sizeAfter = await cluster.DatabaseBytesAsync();
            var errors = samples.Count(s => !s.Ok);
            var growth = samples.Count == 0 ? 0 : (sizeAfter - sizeBefore) / 1024.0 / samples.Count * 1000;
            var byKind = samples.Where(s => s.Ok).GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var ms = g.Select(s => s.Ms).Order().ToArray();
                    return $"{g.Key}: {ms.Length}, {Percentile(ms, 0.50):F1} / {Percentile(ms, 0.95):F1} / {Percentile(ms, 0.99):F1}";
                });
            Console.WriteLine($"  {users,5} {samples.Count / elapsed,8:F1} {errors,7} {cluster.PeakMegabytes(),8:F0} {growth,13:F1}  {string.Join("; ", byKind)}");
            foreach (var failure in samples.Where(s => !s.Ok).GroupBy(s => (s.Kind, s.Status)).Take(5))
            {
                Console.WriteLine($"        errors: {failure.Key.Kind} answered {failure.Key.Status} x{failure.Count()}");
            }
        }

        if (only is null) await ManagerPagesAsync(sessions.Single(s => s.Person.UserName == ManagerUserName));
        await cluster.DisposeAsync();
        if (only is null) await FirstPageOfTheMorningAsync(database, repoRoot, app, people.First(p => !p.IsSupervisor), people.Last(p => !p.IsSupervisor));
        Console.WriteLine("  (a request is timed from send to its whole body read; peak MB is the largest resident memory of an app instance so far; db growth counts the");
        Console.WriteLine("   database's pages (SQLite, write-ahead log included) or pg_database_size, audit included, per 1,000 requests of the level)");
    }

    /// <summary>
    /// A practitioner's first worklist page of the morning from a freshly started instance: once with the database's caches warm
    /// (what a fresh instance costs: start-up compilation and its own caches) and once with them dropped (what reading the
    /// database from disk adds), each beside the same page asked again at once.
    /// </summary>
    private static async Task FirstPageOfTheMorningAsync(BenchDatabase database, string repoRoot, string app, Person warm, Person cold)
    {
        async Task<string> FirstPageAsync(Person person)
        {
            await using var fresh = await Cluster.StartAsync(database, repoRoot, app, instances: 0);
            var signIn = Stopwatch.StartNew();
            var session = await Session.SignInAsync(fresh.Url, person);
            var signedIn = signIn.Elapsed.TotalMilliseconds;
            var first = Stopwatch.StartNew();
            var status = await session.SendAsync("worklist page", new Random(1));
            var firstMs = first.Elapsed.TotalMilliseconds;
            var again = Stopwatch.StartNew();
            await session.SendAsync("worklist page", new Random(1));
            return $"sign-in {signedIn:F0} ms, first worklist page {firstMs:F0} ms ({status}), the same page again {again.Elapsed.TotalMilliseconds:F0} ms";
        }

        Console.WriteLine($"  first page of the morning, fresh instance, database caches warm: {await FirstPageAsync(warm)}");
        var dropped = database.DropCaches(repoRoot);
        Console.WriteLine($"  first page of the morning, fresh instance, database caches cold ({dropped}): {await FirstPageAsync(cold)}");
    }

    /// <summary>
    /// A service manager's pages (every team of every service: 1,500 practitioners at the authority's scale), each asked 10 times
    /// one after another with nothing else running, after one request to warm it.
    /// </summary>
    private static async Task ManagerPagesAsync(Session manager)
    {
        var random = new Random(5);
        var lines = new List<string>();
        foreach (var kind in ManagerPages)
        {
            var status = await manager.SendAsync(kind, random);
            var ms = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                var started = Stopwatch.GetTimestamp();
                status = await manager.SendAsync(kind, random);
                ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var sorted = ms.Order().ToArray();
            lines.Add($"{kind} ({status}) {Percentile(sorted, 0.50):F0} / {Percentile(sorted, 0.95):F0} ms");
        }

        Console.WriteLine($"  a service manager, one request at a time, p50 / p95 of 10: {string.Join("; ", lines)}");
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed record Sample(string Kind, double Ms, bool Ok, int Status);

    private static async Task<List<Sample>> DriveAsync(IReadOnlyList<Session> sessions, TimeSpan length, string? only)
    {
        var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var runs = sessions.Select(async (session, i) =>
        {
            var random = new Random(i * 7919 + 17);
            var samples = new List<Sample>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var kind = only ?? Pick(session.Person.IsSupervisor ? SupervisorMix : PractitionerMix, random);
                var started = Stopwatch.GetTimestamp();
                var status = await session.SendAsync(kind, random);
                samples.Add(new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, status is >= 200 and < 300, status));
            }

            return samples;
        });
        return (await Task.WhenAll(runs)).SelectMany(s => s).ToList();
    }

    private static string Pick((string Kind, int Weight)[] mix, Random random)
    {
        var roll = random.Next(mix.Sum(m => m.Weight));
        foreach (var (kind, weight) in mix)
        {
            if (roll < weight) return kind;
            roll -= weight;
        }

        return mix[^1].Kind;
    }

    private sealed record Person(string UserName, bool IsSupervisor, IReadOnlyList<Guid> Cases);

    /// <summary>
    /// The accounts the users sign in with: the generated practitioners with the most open cases and their teams' supervisors,
    /// given a password (the generator makes accounts without one). Done before the app starts, on a connection of its own.
    /// </summary>
    private static async Task<List<Person>> PrepareUsersAsync(BenchDatabase database, int practitioners, int supervisors)
    {
        await using var db = database.CreateDb();
        var chosenPractitioners = await db.Users.Where(u => u.UserName!.StartsWith("practitioner.") && u.IsActive)
            .OrderBy(u => u.UserName).Take(Math.Max(1, practitioners)).ToListAsync();
        var teams = chosenPractitioners.Select(u => u.TeamId).Distinct().ToList();
        var chosenSupervisors = await db.Teams.Where(t => teams.Contains(t.Id) && t.SupervisorId != null)
            .Join(db.Users, t => t.SupervisorId, u => u.Id, (t, u) => u).Distinct().OrderBy(u => u.UserName).Take(supervisors).ToListAsync();
        var manager = await db.Users.Where(u => u.UserName == ManagerUserName).ToListAsync();
        await SetPasswordAsync(db, chosenPractitioners.Concat(chosenSupervisors).Concat(manager).Select(u => u.Id).ToList());
        var people = new List<Person>();
        foreach (var u in chosenPractitioners)
        {
            var cases = await db.Cases.Where(c => c.AllocatedToId == u.Id && c.Status == Features.Cases.CaseStatus.Open)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(30).ToListAsync();
            people.Add(new Person(u.UserName!, false, cases));
        }

        people.AddRange(chosenSupervisors.Select(u => new Person(u.UserName!, true, [])));
        people.AddRange(manager.Select(u => new Person(u.UserName!, true, [])));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        return people;
    }

    /// <summary>Gives the accounts the benchmark's password (the generator makes accounts without one), unlocked.</summary>
    private static async Task SetPasswordAsync(CaseloadDb db, IReadOnlyList<string> ids)
    {
        var hash = new PasswordHasher<CaseloadUser>().HashPassword(new CaseloadUser { DisplayName = "" }, Password);
        await db.Users.Where(u => ids.Contains(u.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.PasswordHash, hash).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null).SetProperty(u => u.AccessFailedCount, 0));
    }

    /// <summary>One signed-in user: a cookie for pages and a bearer token for the API, on a connection of their own.</summary>
    private sealed partial class Session(Person person, HttpClient client, string token, string cookies)
    {
        public Person Person { get; } = person;

        public static async Task<Session> SignInAsync(string url, Person person)
        {
            var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
            {
                BaseAddress = new Uri(url),
                Timeout = TimeSpan.FromSeconds(60),
            };
            using var tokenResponse = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = person.UserName, password = Password });
            tokenResponse.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
            var token = json.RootElement.GetProperty("accessToken").GetString()!;

            // The sign-in page as a browser meets it: its antiforgery cookie and field, then the form.
            var jar = new Dictionary<string, string>(StringComparer.Ordinal);
            using var page = await client.GetAsync("/Account/SignIn");
            Keep(page, jar);
            var field = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
            using var form = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["UserName"] = person.UserName, ["Password"] = Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(field),
                }),
            };
            form.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            using var signedIn = await client.SendAsync(form);
            if (signedIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in {person.UserName} answered {(int)signedIn.StatusCode}.");
            Keep(signedIn, jar);
            return new Session(person, client, token, string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
        }

        private static void Keep(HttpResponseMessage response, Dictionary<string, string> jar)
        {
            if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
            foreach (var value in values)
            {
                var pair = value.Split(';', 2)[0];
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at > 0) jar[pair[..at]] = pair[(at + 1)..];
            }
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]*)\"")]
        private static partial Regex AntiforgeryField();

        public async Task<int> SendAsync(string kind, Random random)
        {
            using var request = kind switch
            {
                "worklist API" => Api(HttpMethod.Get, "/api/v1/worklist"),
                "worklist page" => Page("/Worklist"),
                "case page" => Page($"/Cases/{AnyCase(random)}"),
                "note search API" => Api(HttpMethod.Get, $"/api/v1/search/notes?q={SearchTerms[random.Next(SearchTerms.Length)]}"),
                "note save API" => NoteSave(random),
                "team view API" => Api(HttpMethod.Get, "/api/v1/capacity/"),
                "team view page" => Page("/Capacity/Team"),
                "team page" => Page("/Team"),
                _ => throw new InvalidOperationException(kind),
            };
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                return (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return 0;
            }
            catch (TaskCanceledException)
            {
                return 0;
            }
        }

        /// <summary>A GET of the API with the bearer token; answers the status and the whole body as text.</summary>
        public async Task<(int Status, string Body)> GetApiTextAsync(string path)
        {
            using var request = Api(HttpMethod.Get, path);
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        /// <summary>A GET of the API with the bearer token; answers the status and the body's length.</summary>
        public async Task<(int Status, long Bytes)> GetApiAsync(string path)
        {
            using var request = Api(HttpMethod.Get, path);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            long bytes = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0) bytes += read;
            return ((int)response.StatusCode, bytes);
        }

        private Guid AnyCase(Random random) => Person.Cases[random.Next(Person.Cases.Count)];

        private HttpRequestMessage Api(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }

        private HttpRequestMessage Page(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookies);
            return request;
        }

        private HttpRequestMessage NoteSave(Random random)
        {
            var request = Api(HttpMethod.Post, $"/api/v1/cases/{AnyCase(random)}/notes");
            var occurred = DateTime.UtcNow.AddMinutes(-random.Next(10, 120)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
            request.Content = JsonContent.Create(new
            {
                type = "phone-call",
                occurredAt = occurred,
                presentAndSpokenTo = "Mother",
                whatHappened = "Mother said the young person attended school on four days this week and went to the homework club on Tuesday.",
                whatWasDone = "Talked through the plan for next week and the date of the review meeting.",
                outcome = "Mother agreed to bring the attendance letter to the review.",
                safeguardingConcern = false,
                confidentialityExplained = true,
                nextSteps = Array.Empty<object>(),
            });
            return request;
        }
    }

    /// <summary>The app's instances (and nginx in front when asked), started on the benchmark's database and stopped at the end.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly List<Process> _processes = [];
        private readonly string _work;
        private readonly BenchDatabase _database;

        private Cluster(BenchDatabase database, string work)
        {
            _database = database;
            _work = work;
        }

        public string Url { get; private set; } = "";

        public static async Task<Cluster> StartAsync(BenchDatabase database, string repoRoot, string app, int instances)
        {
            var work = Directory.CreateTempSubdirectory("caseload-http-bench.").FullName;
            var cluster = new Cluster(database, work);
            var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var ports = new List<int>();
            for (var i = 0; i < Math.Max(1, instances); i++)
            {
                var port = FreePort();
                ports.Add(port);
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                start.ArgumentList.Add(app);
                start.ArgumentList.Add("--contentRoot");
                start.ArgumentList.Add(Path.Combine(repoRoot, "src", "Caseload"));
                var env = start.Environment;
                env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
                env["ASPNETCORE_ENVIRONMENT"] = "Production";
                env["CASELOAD_DATA_DIR"] = Path.Combine(work, $"data-{i}");
                env["Database__Provider"] = database.Provider.ToString();
                env["ConnectionStrings__Caseload"] = database.ConnectionString;
                env["Authentication__TokenSigningKey"] = key;
                env["DemoData__Enabled"] = "false";
                env["Logging__LogLevel__Default"] = "Warning";
                // Every user signs in from loopback here; in an authority they come from their own addresses.
                env["SignIn__AttemptsPerClient"] = "100000";
                if (instances > 0) env["ForwardedHeaders__KnownProxies"] = "127.0.0.1";
                var process = Process.Start(start)!;
                var log = Path.Combine(work, $"instance-{i}.log");
                _ = Task.Run(async () => await File.WriteAllTextAsync(log, await process.StandardOutput.ReadToEndAsync()));
                _ = Task.Run(async () => await File.AppendAllTextAsync(log + ".err", await process.StandardError.ReadToEndAsync()));
                cluster._processes.Add(process);
            }

            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            foreach (var port in ports) await WaitHealthyAsync(probe, $"http://127.0.0.1:{port}", work);
            cluster.Url = instances == 0 ? $"http://127.0.0.1:{ports[0]}" : await cluster.StartNginxAsync(ports, probe);
            return cluster;
        }

        private static async Task WaitHealthyAsync(HttpClient probe, string url, string work)
        {
            // The start-up migration and statistics may take a while on a large database.
            for (var i = 0; i < 600; i++)
            {
                try
                {
                    using var health = await probe.GetAsync($"{url}/health");
                    if (health.IsSuccessStatusCode) return;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(500);
            }

            throw new InvalidOperationException($"The app on {url} did not start; see the logs in {work}.");
        }

        private async Task<string> StartNginxAsync(List<int> ports, HttpClient probe)
        {
            var dir = Path.Combine(_work, "nginx");
            Directory.CreateDirectory(Path.Combine(dir, "tmp"));
            var port = FreePort();
            var upstreams = string.Join("\n", ports.Select(p => $"    server 127.0.0.1:{p};"));
            var temps = string.Join("\n", NginxTemps.Select(t => $"  {t}_temp_path {dir}/tmp/{t};"));
            await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), $$"""
                worker_processes 1;
                pid {{dir}}/nginx.pid;
                error_log {{dir}}/error.log warn;
                daemon off;
                events { worker_connections 1024; }
                http {
                  access_log off;
                {{temps}}
                  upstream caseload {
                {{upstreams}}
                    keepalive 64;
                  }
                  server {
                    listen 127.0.0.1:{{port}};
                    location / {
                      proxy_pass http://caseload;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $http_host;
                      proxy_set_header X-Forwarded-For $remote_addr;
                      proxy_set_header X-Forwarded-Proto $scheme;
                      proxy_set_header X-Forwarded-Host $http_host;
                    }
                  }
                }
                """);
            var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
            var start = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in (string[])["-p", dir, "-c", Path.Combine(dir, "nginx.conf"), "-e", Path.Combine(dir, "error.log")]) start.ArgumentList.Add(a);
            _processes.Add(Process.Start(start) ?? throw new InvalidOperationException("nginx did not start (scripts/cluster installs it)."));
            var url = $"http://127.0.0.1:{port}";
            await WaitHealthyAsync(probe, url, _work);
            return url;
        }

        private static readonly string[] NginxTemps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"];

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>The largest resident memory any app instance has had (VmHWM), in MB.</summary>
        public double PeakMegabytes() => _processes.Where(p => p.ProcessName == "dotnet").Select(p =>
        {
            var line = File.ReadLines($"/proc/{p.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }).DefaultIfEmpty(0).Max();

        /// <summary>
        /// Waits until the background work a fresh database sets off at start-up has ended (every job has run once and no lease is
        /// held: on a copy nobody has run the app on, that is the day's drift scan over every case, the audit seal's first pass over
        /// the whole trail and the rest), so that the levels time what users get on an ordinary day, not a first start. Returns how
        /// long that took.
        /// </summary>
        public async Task<TimeSpan> BackgroundSettledAsync(TimeSpan atMost)
        {
            var clock = Stopwatch.StartNew();
            var quiet = 0;
            while (clock.Elapsed < atMost)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                await using var db = _database.CreateDb();
                var leases = await db.Set<Caseload.Platform.Hosting.WorkLease>().AsNoTracking().ToListAsync();
                var now = DateTimeOffset.UtcNow;
                var busy = leases.Count == 0 || leases.Any(l => l.Holder != null && l.ExpiresAt > now);
                quiet = busy ? 0 : quiet + 1;
                if (quiet >= 3) return clock.Elapsed;
            }

            throw new InvalidOperationException($"The app's start-up background work had not ended after {atMost.TotalMinutes:F0} minutes.");
        }

        public async Task<long> DatabaseBytesAsync()
        {
            if (_database.Provider == DatabaseProvider.Sqlite)
            {
                // The database's size as a reader sees it, write-ahead log included (the log's file is reused, so its length says little).
                await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(_database.GeneratorConnectionString);
                await sqlite.OpenAsync();
                await using var pages = sqlite.CreateCommand();
                pages.CommandText = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
                return (long)(await pages.ExecuteScalarAsync())!;
            }

            await using var connection = new NpgsqlConnection(_database.ConnectionString);
            await connection.OpenAsync();
            await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            return (long)(await size.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in _processes)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
                catch (InvalidOperationException)
                {
                }

                process.Dispose();
            }

            _processes.Clear();

            try
            {
                Directory.Delete(_work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
