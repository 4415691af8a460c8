using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CollabBot.Core.Authors;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabBot.Benchmarks;

/// <summary>
/// quality.md's author-list target: 3,000 authors, 30,000 confirmed contributions, 500 affiliations on SQLite;
/// every format loaded and rendered in at most 250 ms, with a constant number of database queries.
/// Reports the median (p50) and the slowest of several runs per format, the queries per export (counted by an
/// EF Core command interceptor), and a baseline measured in the same run: a bare ADO.NET read of the same
/// contribution rows, the least any export must do.
/// Options: --authors N (3000), --per-author N (10), --affiliations N (500), --runs N (9).
/// </summary>
public static class AuthorListBenchmark
{
    private const string Slug = "bench-paper";

    public static async Task RunAsync(string[] args)
    {
        var authors = Option(args, "--authors", 3000);
        var perAuthor = Math.Clamp(Option(args, "--per-author", 10), 1, 14);
        var affiliations = Option(args, "--affiliations", 500);
        var runs = Math.Max(3, Option(args, "--runs", 9));

        var path = Path.Combine(Path.GetTempPath(), $"collabbot-authors-bench-{Environment.ProcessId}.db");
        var connectionString = $"Data Source={path};Pooling=False";
        var counter = new QueryCounter();
        try
        {
            var build = Stopwatch.StartNew();
            await using (var db = NewContext(connectionString, counter))
            {
                await db.Database.MigrateAsync();
                await SeedAsync(db, authors, perAuthor, affiliations);
            }

            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Author list benchmark: {authors:N0} authors, {authors * perAuthor:N0} confirmed contributions, {affiliations:N0} affiliations, SQLite file; built in {build.Elapsed.TotalSeconds:F1} s; {runs} runs per format after a warm-up."));
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $".NET {Environment.Version}, {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}"));
            System.Console.WriteLine();

            // Tiered JIT keeps recompiling hot paths for a while: exercise every format a few times before timing any.
            for (var warm = 0; warm < 3; warm++)
            {
                await using var db = NewContext(connectionString, counter);
                var list = await new AuthorListQuery(db).LoadAsync(Slug, new AuthorListOptions((AuthorOrder)(warm % 2)), new DateOnly(2026, 11, 25));
                foreach (var format in AuthorFormats.All)
                {
                    _ = AuthorFormats.Render(format.Format, list!);
                }
            }

            var baseline = await MeasureAsync(runs, () => BareReadAsync(connectionString));
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Baseline (bare ADO.NET read of the confirmed contribution rows): p50 {baseline.P50:F1} ms, max {baseline.Max:F1} ms; load average now {LoadAverage()}"));
            System.Console.WriteLine();
            System.Console.WriteLine("| format | p50 total (ms) | max (ms) | p50 queries (ms) | p50 order (ms) | p50 render (ms) | queries per export | output size |");
            System.Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

            // Round-robin over the formats, so that a change in the machine's load during the run falls on all of them alike.
            var samples = AuthorFormats.All.ToDictionary(f => f.Format, _ => (Queries: new List<double>(), Order: new List<double>(), Render: new List<double>(), Total: new List<double>()));
            var sizes = new Dictionary<AuthorFormat, int>();
            var queryCounts = new Dictionary<AuthorFormat, int>();
            for (var run = 0; run < runs; run++)
            {
                foreach (var format in AuthorFormats.All)
                {
                    await using var db = NewContext(connectionString, counter);
                    counter.Reset();
                    var sw = Stopwatch.StartNew();
                    var source = await new AuthorListQuery(db).LoadContributorsAsync(Slug)
                        ?? throw new InvalidOperationException("the benchmark project is missing");
                    var loaded = sw.Elapsed.TotalMilliseconds;
                    queryCounts[format.Format] = counter.Count;
                    var list = AuthorList.Build(source.Project, source.Contributors, new AuthorListOptions(run % 2 == 0 ? AuthorOrder.Alpha : AuthorOrder.Contribution), new DateOnly(2026, 11, 25));
                    var built = sw.Elapsed.TotalMilliseconds;
                    var content = AuthorFormats.Render(format.Format, list).Content;
                    var done = sw.Elapsed.TotalMilliseconds;
                    if (list.Authors.Count != authors)
                    {
                        throw new InvalidOperationException($"expected {authors} authors, got {list.Authors.Count}");
                    }

                    var s = samples[format.Format];
                    s.Queries.Add(loaded);
                    s.Order.Add(built - loaded);
                    s.Render.Add(done - built);
                    s.Total.Add(done);
                    sizes[format.Format] = content.Length;
                }
            }

            var worst = 0.0;
            foreach (var format in AuthorFormats.All)
            {
                var s = samples[format.Format];
                var stats = Stats.Of(s.Total);
                worst = Math.Max(worst, stats.P50);
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {format.Name} | {stats.P50:F1} | {stats.Max:F1} | {Stats.Of(s.Queries).P50:F1} | {Stats.Of(s.Order).P50:F1} | {Stats.Of(s.Render).P50:F1} | {queryCounts[format.Format]} | {sizes[format.Format] / 1024.0:F0} KiB |"));
            }

            System.Console.WriteLine();
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Slowest format p50: {worst:F1} ms = {worst / baseline.P50:F1}× the baseline (target ≤ 250 ms: {(worst <= 250 ? "met" : "NOT met")}); queries per export: {string.Join(", ", queryCounts.Values.Distinct())} (constant: {(queryCounts.Values.Distinct().Count() == 1 ? "yes" : "no")}, expected {AuthorListQuery.QueriesPerLoad}); load average {LoadAverage()}."));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            {
                File.Delete(file);
            }
        }
    }

    private static CollabBotDbContext NewContext(string connectionString, QueryCounter counter)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, "Sqlite", connectionString);
        options.AddInterceptors(counter);
        return new CollabBotDbContext(options.Options);
    }

    /// <summary>People and contributions go in with prepared statements in one transaction: the audit trail of 33,000 EF inserts would measure the seeding, not the export.</summary>
    private static async Task SeedAsync(CollabBotDbContext db, int authors, int perAuthor, int affiliationCount)
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var group = new WorkingGroup { Slug = "bench", Name = "Benchmark Collaboration", CreatedAt = now };
        db.Groups.Add(group);
        db.Projects.Add(new Project { Group = group, Slug = Slug, Title = "A 3,000-author paper", Kind = ProjectKind.Paper, CreatedAt = now });
        await db.SaveChangesAsync();
        var projectId = await db.Projects.Where(p => p.Slug == Slug).Select(p => p.Id).SingleAsync();

        var random = new Random(20261125);
        string[] given = ["Amara", "Jonas", "Lucía", "Hiroshi", "Zoë", "Émile", "Fatima Zahra", "Jean-Pierre", "Søren", "Ngozi", "Wei", "Ana", "Ólafur", "Priya", "Łukasz"];
        string[] family = ["Okafor", "Berg", "Fernández", "Tanaka", "Ångström", "Zola", "El Idrissi", "Dupont", "Kierkegaard", "Eze", "Chen", "Souza", "Müller", "Muller", "Ødegård", "Nowak", "O'Neil & Co_"];
        string[] particles = ["van der", "de la", "von", "de"];
        var institutes = Enumerable.Range(1, affiliationCount).Select(i => $"Institute {i} of Physics & Data_{i % 7}, Dépt. {i % 13}").ToArray();

        await using var efTransaction = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        var transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(efTransaction);
        await using (var insertPerson = connection.CreateCommand())
        {
            insertPerson.Transaction = transaction;
            insertPerson.CommandText = "INSERT INTO people (DisplayName, GivenName, FamilyName, NameParticle, Orcid, Affiliations, CreatedAt, SortOnParticle) VALUES ($d, $g, $f, $p, $o, $a, $c, 0)";
            var (d, g, f, p, o, a, c) = (Parameter(insertPerson, "$d"), Parameter(insertPerson, "$g"), Parameter(insertPerson, "$f"), Parameter(insertPerson, "$p"), Parameter(insertPerson, "$o"), Parameter(insertPerson, "$a"), Parameter(insertPerson, "$c"));
            for (var i = 0; i < authors; i++)
            {
                var mononym = i % 97 == 0;
                var givenName = mononym ? null : given[random.Next(given.Length)];
                var familyName = family[random.Next(family.Length)] + (i % 3 == 0 ? "" : i.ToString(CultureInfo.InvariantCulture));
                var particle = !mononym && i % 11 == 0 ? particles[random.Next(particles.Length)] : null;
                var mine = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => institutes[random.Next(institutes.Length)]).Distinct().ToArray();
                d.Value = $"{givenName} {familyName}".Trim();
                g.Value = (object?)givenName ?? DBNull.Value;
                f.Value = familyName;
                p.Value = (object?)particle ?? DBNull.Value;
                o.Value = i % 4 == 0 ? "0000-0002-1825-0097" : DBNull.Value;
                a.Value = JsonSerializer.Serialize(mine);
                c.Value = now.UtcTicks;
                await insertPerson.ExecuteNonQueryAsync();
            }
        }

        var personIds = await db.People.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        await using (var insertContribution = connection.CreateCommand())
        {
            insertContribution.Transaction = transaction;
            insertContribution.CommandText = "INSERT INTO contributions (ProjectId, PersonId, Role, Degree, Status, RecordedByPersonId, RecordedAt, DecidedByPersonId, DecidedAt) VALUES ($project, $person, $role, $degree, 'Confirmed', $person, $at, $person, $at)";
            var (project, person, role, degree, at) = (Parameter(insertContribution, "$project"), Parameter(insertContribution, "$person"), Parameter(insertContribution, "$role"), Parameter(insertContribution, "$degree"), Parameter(insertContribution, "$at"));
            project.Value = projectId;
            at.Value = now.UtcTicks;
            string[] degrees = ["Lead", "Equal", "Equal", "Supporting", "Supporting", "Supporting"];
            foreach (var id in personIds)
            {
                foreach (var r in CreditTaxonomy.Roles.OrderBy(_ => random.Next()).Take(perAuthor))
                {
                    person.Value = id;
                    role.Value = r.Key;
                    degree.Value = degrees[random.Next(degrees.Length)];
                    await insertContribution.ExecuteNonQueryAsync();
                }
            }
        }

        await efTransaction.CommitAsync();
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task BareReadAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.PersonId, c.Role, c.Degree FROM contributions c JOIN projects p ON p.Id = c.ProjectId WHERE p.Slug = $slug AND c.Status = 'Confirmed'";
        command.Parameters.AddWithValue("$slug", Slug);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetInt32(0);
            _ = reader.GetString(1);
            _ = reader.GetString(2);
            rows++;
        }

        if (rows == 0)
        {
            throw new InvalidOperationException("the baseline read no rows");
        }
    }

    private static async Task<Stats> MeasureAsync(int runs, Func<Task> action)
    {
        await action();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        return Stats.Of(times);
    }

    /// <summary>Other work on the machine inflates every figure; the report says how busy it was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    private readonly record struct Stats(double P50, double Max)
    {
        public static Stats Of(List<double> times)
        {
            var sorted = times.Order().ToList();
            return new Stats(sorted[sorted.Count / 2], sorted[^1]);
        }
    }

    /// <summary>Counts every SQL command EF Core sends, so "a constant number of queries" is measured, not assumed.</summary>
    private sealed class QueryCounter : DbCommandInterceptor
    {
        private int count;

        public int Count => count;

        public void Reset() => count = 0;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
