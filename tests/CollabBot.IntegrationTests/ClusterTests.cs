using CollabBot.IntegrationTests.Support;
using CollabBot.Tests.Shared;

namespace CollabBot.IntegrationTests;

/// <summary>Several instances on one PostgreSQL database (issue 8), as real processes of the built program.</summary>
public sealed class ClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_ThreeInstancesStartedTogetherOnEmptyDatabase_OneSeedsAndAllBecomeReady()
    {
        if (!TestPostgres.Enabled)
        {
            Assert.Skip($"Set {TestPostgres.Variable} to a PostgreSQL connection string to run this; .ci/run does.");
        }

        var work = Directory.CreateTempSubdirectory("collabbot-cluster-");
        var database = await TestPostgres.CreateAsync(Ct);
        var instances = new List<ServiceInstance>();
        try
        {
            // As a deployment brings up its instances: all at once, on a database nobody migrated.
            foreach (var name in new[] { "s1", "s2", "s3" })
            {
                instances.Add(ServiceInstance.Start(name, work.FullName, ["--Database:Provider=Postgres", $"--ConnectionStrings:CollabBot={database}", "--Scheduler:Clustered=true"]));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Task.WhenAll(instances.Select(i => i.WaitReadyAsync(http, TimeSpan.FromSeconds(60), Ct)));

            // (The instance that migrates logs two failed history-table queries from inside EF's MigrateAsync on a
            // new PostgreSQL database even when it starts alone; those are not what this test is about.)
            var seeded = instances.Count(i => i.Tail(int.MaxValue).Contains("Seeded ", StringComparison.Ordinal));
            var collided = instances.Count(i => i.Tail(int.MaxValue).Contains("23505", StringComparison.Ordinal));
            Assert.True(seeded == 1 && collided == 0,
                $"{seeded} instance(s) seeded the database (expected one); {collided} hit a unique key.\n\n{string.Join("\n\n", instances.Select(i => i.Tail()))}");
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }

            await TestPostgres.DropAsync(database);
        }
    }
}
