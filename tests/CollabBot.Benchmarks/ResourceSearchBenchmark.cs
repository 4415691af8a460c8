using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using CollabBot.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CollabBot.Benchmarks;

/// <summary>
/// quality.md: 100,000 resources, ranked full-text search p99 ≤ 20 ms in process, on SQLite and on PostgreSQL.
/// The database is prepared as the service prepares its own (migrations, seeds/), then filled with generated
/// resources whose titles, descriptions, authors and topics are drawn from a physics-and-ML vocabulary, so common
/// words match thousands of rows as they would in a real library. Each search goes through <see cref="ResourceSearch"/>
/// in a fresh DI scope, as a command would; the baseline in the same run is a primary-key lookup of one resource
/// in a fresh scope.
/// </summary>
internal static class ResourceSearchBenchmark
{
    public const string Usage = "resources [--resources 100000] [--iterations 1000] [--warmup 200] [--postgres \"Host=…;Username=…;Password=…\"] [--keep]";

    public static async Task<int> RunAsync(string[] args)
    {
        int count = 100_000, iterations = 1_000, warmup = 200;
        string? postgres = null;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--keep")
            {
                // The databases stay for EXPLAIN (QUERY PLAN / ANALYZE) after the run; their names are printed.
                keep = true;
                continue;
            }

            var value = i + 1 < args.Length ? args[++i] : "";
            switch (args[i - 1])
            {
                case "--resources": count = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--iterations": iterations = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--postgres": postgres = value; break;
                default:
                    System.Console.Error.WriteLine("Usage: dotnet run -c Release --project tests/CollabBot.Benchmarks -- " + Usage);
                    return 2;
            }
        }

        System.Console.WriteLine("CollabBot resource search");
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {(BenchOptions.IsOptimized ? "Release" : "Debug (numbers not comparable: use -c Release)")}"));
        System.Console.WriteLine($"Load average at start (1, 5, 15 min): {LoadAverage()}");
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:N0} generated resources (plus the seeded library); {warmup:N0} warm-up and {iterations:N0} measured searches per case; times in microseconds."));
        System.Console.WriteLine();

        var options = new BenchOptions(iterations, warmup, 0);
        var providers = new List<(string Name, string Provider, string Connection, Func<Task> Drop)>();
        var file = Path.Combine(Path.GetTempPath(), $"collabbot-search-{Guid.NewGuid():N}.db");
        providers.Add(("SQLite", "Sqlite", $"Data Source={file}", () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }

            return Task.CompletedTask;
        }));
        if (postgres is not null)
        {
            var name = $"collabbot_search_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(postgres))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }

            providers.Add(("PostgreSQL", "Postgres", new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(postgres);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }));
        }

        System.Console.WriteLine(Stats.MarkdownHeader);
        foreach (var (label, provider, connection, drop) in providers)
        {
            try
            {
                foreach (var row in await MeasureAsync(label, provider, connection, count, options))
                {
                    System.Console.WriteLine(row.MarkdownRow());
                }
            }
            finally
            {
                if (keep)
                {
                    System.Console.Error.WriteLine($"{label} database kept: {connection}");
                }
                else
                {
                    await drop();
                }
            }
        }

        System.Console.WriteLine();
        System.Console.WriteLine($"Load average at end (1, 5, 15 min): {LoadAverage()}");
        return 0;
    }

    private static async Task<List<Stats>> MeasureAsync(string label, string provider, string connection, int count, BenchOptions options)
    {
        var services = new ServiceCollection();
        services.AddCollabBotCore(db => DatabaseSetup.Configure(db, provider, connection));
        services.AddSingleton(sp => new LeaderLock(provider, connection, sp.GetRequiredService<TimeProvider>()));
        await using var sp = services.BuildServiceProvider();
        await sp.PrepareDatabaseAsync(seedOnFirstStart: true);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (titles, groups) = await FillAsync(sp, count);
        System.Console.Error.WriteLine($"{label}: {count:N0} resources written in {started.Elapsed.TotalSeconds:F1} s");

        var random = new Random(7);
        var ids = await CountAsync(sp);
        var cases = new List<(string Name, Func<Task> Operation)>
        {
            ($"baseline: primary-key lookup of one resource, {label}", async () =>
            {
                var id = random.Next(1, ids);
                await using var scope = sp.CreateAsyncScope();
                _ = await scope.ServiceProvider.GetRequiredService<CollabBotDbContext>().Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
            }),
        };

        void Search(string name, Func<ResourceQuery> query) => cases.Add(($"{name}, {label}", async () =>
        {
            await using var scope = sp.CreateAsyncScope();
            _ = await new ResourceSearch(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>()).SearchAsync(query());
        }));

        Search("one common word (`neural`)", () => new ResourceQuery { Text = "neural" });
        Search("two words (`graph tracking`)", () => new ResourceQuery { Text = "graph tracking" });
        Search("stemmed and prefix (`taggers calorim`)", () => new ResourceQuery { Text = "taggers calorim" });
        Search("exact title of a random resource", () => new ResourceQuery { Text = titles[random.Next(titles.Count)] });
        Search("word + kind and level filters (`jet`, paper, advanced)", () => new ResourceQuery { Text = "jet", Kind = ResourceKind.Paper, Level = ResourceLevel.Advanced });
        Search("word + topic and group filters (`bayesian`, uncertainty, one group)", () => new ResourceQuery { Text = "bayesian", Topic = "uncertainty", GroupId = groups[random.Next(groups.Count)] });
        Search("no match: typo with suggestions (`graph netwroks`)", () => new ResourceQuery { Text = "graph netwroks" });
        Search("filters only, no words (topic `tracking`, title order)", () => new ResourceQuery { Topic = "tracking" });

        foreach (var (_, operation) in cases)
        {
            for (var i = 0; i < options.Warmup; i++)
            {
                await operation();
            }
        }

        var sample = await new ResourceSearch(sp.CreateAsyncScope().ServiceProvider.GetRequiredService<CollabBotDbContext>()).SearchAsync(new ResourceQuery { Text = "neural" });
        System.Console.Error.WriteLine($"{label}: `neural` matches {sample.Total:N0} resources; first: {sample.Hits.FirstOrDefault()?.Resource.Title}");
        var results = new List<Stats>();
        foreach (var (name, operation) in cases)
        {
            results.Add(await Measure.RunAsync(name, options, operation));
        }

        return results;
    }

    private static async Task<int> CountAsync(IServiceProvider sp)
    {
        await using var scope = sp.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CollabBotDbContext>().Resources.MaxAsync(r => r.Id);
    }

    private static readonly string[] Adjectives = ["Fast", "Robust", "Interpretable", "Bayesian", "Equivariant", "Scalable", "Unsupervised", "Weakly supervised", "Differentiable", "Calibrated", "Lorentz-invariant", "End-to-end", "Sparse", "Uncertainty-aware", "Self-supervised"];
    private static readonly string[] Methods = ["graph neural networks", "transformers", "normalizing flows", "diffusion models", "autoencoders", "boosted decision trees", "convolutional networks", "point cloud networks", "generative adversarial networks", "deep sets", "recurrent networks", "Gaussian processes", "neural ordinary differential equations", "contrastive learning", "ensembles"];
    private static readonly string[] Tasks = ["jet tagging", "particle tracking", "calorimeter shower simulation", "anomaly detection", "event classification", "pile-up mitigation", "vertex finding", "neutrino event reconstruction", "unfolding", "trigger decisions", "energy regression", "flavour tagging", "data quality monitoring", "likelihood-free inference", "detector calibration"];
    private static readonly string[] Contexts = ["at the LHC", "in LArTPC detectors", "for the HL-LHC", "with open data", "on FPGAs", "in heavy-ion collisions", "for future colliders", "in neutrino experiments", "with systematic uncertainties", "for beginners"];
    private static readonly string[] Families = ["Qu", "Gouskos", "Kasieczka", "Plehn", "Nachman", "Cranmer", "Whiteson", "Shlomi", "Battaglia", "Vlimant", "Komiske", "Metodiev", "Thaler", "Duarte", "Tran", "Pierini", "Kagan", "Paganini", "de Oliveira", "Louppe", "Rousseau", "Terao", "Radovic", "Aurisano", "Himmel", "Psihas", "Thais", "Feickert", "Farbin", "Gleyzer"];
    private static readonly string[] Given = ["Huilin", "Loukas", "Gregor", "Tilman", "Benjamin", "Kyle", "Daniel", "Jonathan", "Peter", "Jean-Roch", "Patrick", "Eric", "Jesse", "Javier", "Nhan", "Maurizio", "Michael", "Michela", "Luke", "Gilles", "David", "Kazuhiro", "Alexander", "Adam", "Fernanda", "Savannah", "Matthew", "Amir", "Sergei"];
    private static readonly string[] Topics = ["jet-tagging", "tracking", "calorimetry", "neutrino-physics", "generative-models", "anomaly-detection", "uncertainty", "graph-networks", "deep-learning", "benchmark-datasets", "open-data", "software", "training", "interpretability", "ethics"];
    private static readonly string[] Sentences =
    [
        "We compare the method with established baselines on a public benchmark.",
        "The network is trained on simulated events and validated on collision data.",
        "Systematic uncertainties are propagated through the training with nuisance parameters.",
        "Inference runs within the latency budget of the first trigger level.",
        "A tutorial with notebooks accompanies the lectures.",
        "The approach scales to the pile-up expected at the High-Luminosity LHC.",
        "Bayesian neural networks provide calibrated per-event uncertainties.",
        "The dataset, code and trained models are released under an open licence.",
        "We study what the classifier learns with saliency maps and energy flow observables.",
        "Generated showers reproduce the energy deposits of Geant4 at a fraction of the cost.",
    ];

    /// <summary>Writes the resources in batches through plain parameterised INSERTs (the search index follows by trigger or generated column), and one group each.</summary>
    private static async Task<(List<string> Titles, List<int> Groups)> FillAsync(IServiceProvider sp, int count)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var groups = await db.Groups.Select(g => g.Id).ToListAsync();
        var sqlite = db.Database.IsSqlite();
        var random = new Random(42);
        var titles = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        const int Batch = 5_000;
        for (var start = 0; start < count; start += Batch)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO resources ("Kind", "Title", "TitleKey", "Url", "UrlKey", "Authors", "Year", "Level", "Audience", "Topics", "Description", "AddedAt", "Version")
                VALUES (@kind, @title, @titleKey, @url, @urlKey, @authors, @year, @level, @audience, @topics, @description, @addedAt, 0)
                RETURNING "Id"
                """;
            var p = new Dictionary<string, DbParameter>();
            foreach (var name in new[] { "kind", "title", "titleKey", "url", "urlKey", "authors", "year", "level", "audience", "topics", "description", "addedAt" })
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = "@" + name;
                insert.Parameters.Add(parameter);
                p[name] = parameter;
            }

            await using var link = connection.CreateCommand();
            link.Transaction = transaction;
            link.CommandText = """INSERT INTO resource_groups ("ResourceId", "GroupId", "AddedAt") VALUES (@r, @g, @at)""";
            var lr = link.CreateParameter();
            lr.ParameterName = "@r";
            var lg = link.CreateParameter();
            lg.ParameterName = "@g";
            var lat = link.CreateParameter();
            lat.ParameterName = "@at";
            link.Parameters.AddRange(new[] { lr, lg, lat });

            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                var title = $"{Pick(random, Adjectives)} {Pick(random, Methods)} for {Pick(random, Tasks)} {Pick(random, Contexts)}";
                if (titles.Count < 2_000)
                {
                    titles.Add(title);
                }

                var url = string.Create(CultureInfo.InvariantCulture, $"https://library.example.org/r/{i}");
                var added = now.AddMinutes(i);
                p["kind"].Value = ((ResourceKind)random.Next(10)).ToString();
                p["title"].Value = title;
                p["titleKey"].Value = ResourceKeys.Title(title);
                p["url"].Value = url;
                p["urlKey"].Value = ResourceKeys.Url(url);
                p["authors"].Value = string.Join('\n', Enumerable.Range(0, random.Next(1, 5)).Select(_ => $"{Pick(random, Given)} {Pick(random, Families)}"));
                p["year"].Value = random.Next(2005, 2027);
                p["level"].Value = ((ResourceLevel)random.Next(3)).ToString();
                p["audience"].Value = ((ResourceAudience)random.Next(3)).ToString();
                p["topics"].Value = string.Join('\n', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, Topics)).Distinct());
                p["description"].Value = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, Sentences)));
                p["addedAt"].Value = sqlite ? added.UtcTicks : added;
                var id = Convert.ToInt32(await insert.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                lr.Value = id;
                lg.Value = groups[random.Next(groups.Count)];
                lat.Value = sqlite ? added.UtcTicks : added;
                await link.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = sqlite ? "ANALYZE; INSERT INTO resource_search(resource_search) VALUES ('optimize');" : "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        return (titles, groups);
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
