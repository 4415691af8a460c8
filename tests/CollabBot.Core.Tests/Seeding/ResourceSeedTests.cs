using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using CollabBot.Core.Seeding;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Seeding;

/// <summary>seeds/resources.yaml, loaded into the seeded demo community by the same seeder as the other files.</summary>
public sealed class ResourceSeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ResourcesPath => Path.Combine(AppContext.BaseDirectory, "seeds", "resources.yaml");

    private static async Task<SeedResult> LoadAsync(CoreHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        return await SeedLoader.LoadFilesAsync(db, [ResourcesPath], Ct);
    }

    [Fact]
    public async Task ResourceSeed_Loaded_HasAtLeastFortyRealEntriesTaggedToDemoGroups()
    {
        await using var h = await CoreHarness.StartAsync();

        var result = await LoadAsync(h);

        Assert.True(result.Resources >= 40, $"{result.Resources} resources");
        Assert.Equal(2, result.StartHerePaths);
        var resources = await h.QueryAsync(db => db.Resources.Include(r => r.Groups).ToListAsync());
        Assert.All(resources, r => Assert.NotEmpty(r.Groups));
        Assert.All(resources, r => Assert.NotEmpty(r.Topics));
        Assert.Contains(resources, r => r.ArxivId == "1902.08570" && r.Doi == "10.1103/physrevd.101.056019");
        Assert.Equal(9, resources.SelectMany(r => r.Groups).Select(g => g.GroupId).Distinct().Count());
        Assert.True(await h.QueryAsync(db => db.Topics.CountAsync(t => t.InVocabulary)) >= 10);
    }

    [Fact]
    public async Task ResourceSeed_LoadedTwice_ChangesNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        await LoadAsync(h);
        var audit = await h.QueryAsync(db => db.Audit.CountAsync());

        var again = await LoadAsync(h);

        Assert.Equal(0, again.Resources);
        Assert.Equal(0, again.StartHerePaths);
        Assert.Equal(audit, await h.QueryAsync(db => db.Audit.CountAsync()));
    }

    [Fact]
    public async Task ResourceSeed_StartHerePaths_InTheOrderGiven()
    {
        await using var h = await CoreHarness.StartAsync();
        await LoadAsync(h);

        var path = await h.QueryAsync(async db =>
        {
            var jets = await db.Groups.SingleAsync(g => g.Slug == "jet-tagging");
            return await new ResourceLibrary(db).StartHereAsync(jets.Id);
        });

        Assert.Equal(["Deep Learning and its Application to LHC Physics", "Jet Substructure at the Large Hadron Collider: A Review of Recent Advances in Theory and Machine Learning", "Top Quark Tagging Reference Dataset", "The Machine Learning Landscape of Top Taggers", "Jet tagging via particle clouds", "Particle Transformer for Jet Tagging"], path.Select(r => r.Title));
    }

    [Fact]
    public async Task ResourceSeed_ConvenersPath_IsNotOverwrittenByAReload()
    {
        await using var h = await CoreHarness.StartAsync();
        await LoadAsync(h);
        int first;
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            var training = await db.Groups.SingleAsync(g => g.Slug == "training", Ct);
            first = (await db.Resources.SingleAsync(r => r.Title == "Deep Learning", Ct)).Id;
            Assert.Null(await new ResourceLibrary(db).SetStartHereAsync(training.Id, [first], null, Ct));
            await db.SaveChangesAsync(Ct);
        }

        await LoadAsync(h);

        var path = await h.QueryAsync(async db => await new ResourceLibrary(db).StartHereAsync((await db.Groups.SingleAsync(g => g.Slug == "training")).Id));
        Assert.Equal([first], path.Select(r => r.Id));
    }

    [Fact]
    public async Task ResourceSeed_Search_FindsTheLivingReview()
    {
        await using var h = await CoreHarness.StartAsync();
        await LoadAsync(h);

        var result = await h.QueryAsync(db => new ResourceSearch(db).SearchAsync(new ResourceQuery { Text = "living review" }));

        Assert.Equal("A Living Review of Machine Learning for Particle Physics", result.Hits[0].Resource.Title);
    }

    [Fact]
    public async Task ResourceSeed_InvalidResource_StopsTheFileWithItsTitle()
    {
        var seed = SeedLoader.Parse("""
            resources:
              - { title: Broken, url: "ftp://example.org/x", kind: paper }
            """, "bad.yaml");

        await using var h = await CoreHarness.StartAsync(seed: false);
        await using var scope = h.Services.CreateAsyncScope();

        var ex = await Assert.ThrowsAsync<SeedException>(() => SeedLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>(), seed, "bad.yaml", Ct));

        Assert.Contains("bad.yaml: resource 'Broken'", ex.Message, StringComparison.Ordinal);
    }
}
