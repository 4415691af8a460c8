using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Resources;

/// <summary>The real search on the harness's database: SQLite's FTS5, or PostgreSQL's tsvector when COLLABBOT_TEST_POSTGRES is set.</summary>
public sealed class ResourceSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A small library in the seeded community (groups calorimetry, tracking, jet-tagging …).</summary>
    private static async Task<CoreHarness> LibraryAsync(params ResourceDraft[] extra)
    {
        var h = await CoreHarness.StartAsync();
        ResourceDraft[] drafts =
        [
            new() { Title = "Jet tagging", Url = "https://example.org/jet-tagging", Kind = "review", Level = "beginner", Topics = ["jet-tagging"], Description = "A short overview." },
            new() { Title = "Jet tagging via particle clouds", Url = "https://arxiv.org/abs/1902.08570", Kind = "paper", Level = "advanced", Authors = ["Huilin Qu", "Loukas Gouskos"], Topics = ["jet-tagging", "graph-networks"], Groups = ["jet-tagging"], Description = "ParticleNet: jet tagging with jet tagging networks over unordered particle clouds, jet tagging again." },
            new() { Title = "Taggers for boosted top quarks", Url = "https://example.org/top-taggers", Kind = "paper", Level = "intermediate", Topics = ["jet-tagging"], Description = "A comparison of many top taggers." },
            new() { Title = "Graph neural networks for particle tracking", Url = "https://example.org/gnn-tracking", Kind = "tutorial", Level = "intermediate", Topics = ["tracking", "graph-networks"], Groups = ["tracking"], Description = "Edge classification with a graph network on TrackML events." },
            new() { Title = "Transformers for calorimeter showers", Url = "https://example.org/calo-transformers", Kind = "paper", Level = "advanced", Topics = ["generative-models"], Groups = ["calorimetry"], Description = "Attention-based generative models." },
            new() { Title = "Uncertainty quantification for beginners", Url = "https://example.org/uq", Kind = "course", Level = "beginner", Audience = "newcomers", Topics = ["uncertainty"], Description = "Bayesian neural networks, ensembles and calibration." },
            new() { Title = "Anomaly detection at the LHC", Url = "https://example.org/anomalies", Kind = "lecture", Level = "intermediate", Topics = ["anomaly-detection"], Description = "Weak supervision and autoencoders." },
            .. extra,
        ];
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var library = new ResourceLibrary(db);
        db.Topics.Add(new Topic { Slug = "anomaly-detection", InVocabulary = true, Name = "Anomaly detection" });
        foreach (var draft in drafts)
        {
            Assert.True(ResourceInput.TryValidate(draft, 2026, out var values, out var error), error);
            var outcome = await library.AddAsync(values, null, Ct);
            Assert.True(outcome.IsAdded, outcome.Error);
            await db.SaveChangesAsync(Ct);
        }

        return h;
    }

    private static async Task<ResourceSearchResult> SearchAsync(CoreHarness h, ResourceQuery query)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await new ResourceSearch(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>()).SearchAsync(query, Ct);
    }

    private static Task<ResourceSearchResult> SearchAsync(CoreHarness h, string text) => SearchAsync(h, new ResourceQuery { Text = text });

    private static List<string> Titles(ResourceSearchResult result) => [.. result.Hits.Select(x => x.Resource.Title)];

    [Fact]
    public async Task Search_ExactTitle_RanksFirstAboveMoreFrequentMatches()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, "jet tagging");

        Assert.Equal("Jet tagging", result.Hits[0].Resource.Title);
        Assert.True(result.Hits[0].ExactTitle);
        Assert.Contains("Jet tagging via particle clouds", Titles(result));
    }

    [Fact]
    public async Task Search_ExactTitleInOtherCaseAndPunctuation_StillRanksFirst()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, "JET-TAGGING!");

        Assert.Equal("Jet tagging", result.Hits[0].Resource.Title);
    }

    [Theory]
    [InlineData("taggers", "Taggers for boosted top quarks")]
    [InlineData("tagger", "Taggers for boosted top quarks")]
    [InlineData("networks", "Graph neural networks for particle tracking")]
    [InlineData("network", "Graph neural networks for particle tracking")]
    [InlineData("showers", "Transformers for calorimeter showers")]
    public async Task Search_StemmedWord_FindsOtherForms(string words, string expected)
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, words);

        Assert.Contains(expected, Titles(result));
    }

    [Fact]
    public async Task Search_Tagging_FindsTaggersThroughTheStemPrefix()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, "tagging");

        Assert.Contains("Taggers for boosted top quarks", Titles(result));
    }

    [Theory]
    [InlineData("transfor", "Transformers for calorimeter showers")]
    [InlineData("calorim", "Transformers for calorimeter showers")]
    [InlineData("autoenc", "Anomaly detection at the LHC")]
    public async Task Search_Prefix_Matches(string words, string expected)
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, words);

        Assert.Equal([expected], Titles(result));
    }

    [Fact]
    public async Task Search_AuthorName_Matches()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, "Gouskos");

        Assert.Equal(["Jet tagging via particle clouds"], Titles(result));
    }

    [Fact]
    public async Task Search_AllWordsRequired_NarrowsResults()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, "graph tracking");

        Assert.Equal(["Graph neural networks for particle tracking"], Titles(result));
    }

    [Fact]
    public async Task Search_ExcludedWord_LeavesOutItsMatches()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, "graph -tracking");

        Assert.Equal(["Jet tagging via particle clouds"], Titles(result));
    }

    [Fact]
    public async Task Search_Phrase_MatchesWordsSideBySideOnly()
    {
        await using var h = await LibraryAsync();

        Assert.Equal(["Jet tagging via particle clouds"], Titles(await SearchAsync(h, "\"particle clouds\"")));
        Assert.Empty((await SearchAsync(h, "\"clouds particle\"")).Hits);
    }

    [Fact]
    public async Task Search_TitleMatch_RanksAboveDescriptionMatch()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, "networks");

        // "networks" is in one title and in two descriptions.
        Assert.Equal("Graph neural networks for particle tracking", result.Hits[0].Resource.Title);
        Assert.Equal(3, result.Total);
    }

    [Fact]
    public async Task Search_KindFilter_KeepsThatKindOnly()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, new ResourceQuery { Text = "particle", Kind = ResourceKind.Paper });

        Assert.Equal(["Jet tagging via particle clouds"], Titles(result));
    }

    [Fact]
    public async Task Search_LevelFilterWithoutWords_ListsThatLevelInTitleOrder()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, new ResourceQuery { Level = ResourceLevel.Beginner });

        Assert.Equal(["Jet tagging", "Uncertainty quantification for beginners"], Titles(result));
        Assert.Null(result.Suggestions);
    }

    [Fact]
    public async Task Search_TopicFilter_MatchesWholeTopicsOnly()
    {
        await using var h = await LibraryAsync(new ResourceDraft { Title = "Tagging notes", Url = "https://example.org/notes", Kind = "talk", Topics = ["tagging"] });

        var jet = await SearchAsync(h, new ResourceQuery { Topic = "jet-tagging" });
        var tagging = await SearchAsync(h, new ResourceQuery { Topic = "tagging" });

        Assert.Equal(["Jet tagging", "Jet tagging via particle clouds", "Taggers for boosted top quarks"], Titles(jet));
        Assert.Equal(["Tagging notes"], Titles(tagging));
    }

    [Fact]
    public async Task Search_GroupFilter_KeepsThatGroupsResources()
    {
        await using var h = await LibraryAsync();
        var tracking = await h.QueryAsync(db => db.Groups.SingleAsync(g => g.Slug == "tracking"));

        var result = await SearchAsync(h, new ResourceQuery { Text = "graph", GroupId = tracking.Id });

        Assert.Equal(["Graph neural networks for particle tracking"], Titles(result));
        Assert.Equal("tracking", Assert.Single(result.Hits[0].Resource.Groups).Group.Slug);
    }

    [Fact]
    public async Task Search_Retired_LeftOutUnlessAsked()
    {
        await using var h = await LibraryAsync();
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            var uq = await db.Resources.SingleAsync(r => r.Title.StartsWith("Uncertainty"), Ct);
            Assert.True(ResourceLibrary.Retire(uq, null, db.Now));
            await db.SaveChangesAsync(Ct);
        }

        Assert.Empty((await SearchAsync(h, "uncertainty")).Hits);
        Assert.Single((await SearchAsync(h, new ResourceQuery { Text = "uncertainty", IncludeRetired = true })).Hits);
    }

    [Fact]
    public async Task Search_AfterTitleEdit_FindsNewWordsNotOldOnes()
    {
        await using var h = await LibraryAsync();
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            var r = await db.Resources.SingleAsync(x => x.Title == "Anomaly detection at the LHC", Ct);
            r.Title = "Weakly supervised searches";
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(["Weakly supervised searches"], Titles(await SearchAsync(h, "weakly")));
        Assert.Empty((await SearchAsync(h, "LHC")).Hits);
    }

    [Fact]
    public async Task Search_Match_IsHighlightedInTitleAndExcerpt()
    {
        await using var h = await LibraryAsync();

        var hit = (await SearchAsync(h, "calibration")).Hits.Single();
        var title = (await SearchAsync(h, "graph tracking")).Hits.Single().Title;

        Assert.Contains(hit.Excerpt!.Spans, s => s.Match && s.Text.Equals("calibration", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["Graph", "tracking"], title.Spans.Where(s => s.Match).Select(s => s.Text));
        Assert.Equal("Graph neural networks for particle tracking", title.Plain);
        Assert.DoesNotContain(title.Plain, c => c is '\uE000' or '\uE001');
    }

    [Fact]
    public async Task Search_TitleContainingMarkerCharacter_ComesBackUnmarkedAndWhole()
    {
        await using var h = await LibraryAsync(new ResourceDraft { Title = "Odd \uE000 title about pileup", Url = "https://example.org/odd", Kind = "talk" });

        var hit = (await SearchAsync(h, "pileup")).Hits.Single();

        Assert.False(hit.Title.HasMatch);
        Assert.Equal("Odd \uE000 title about pileup", hit.Title.Plain);
    }

    [Fact]
    public async Task Search_Typo_SuggestsRespelledWordsThatFindSomething()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, "transfomers calorimetr");

        Assert.Empty(result.Hits);
        Assert.Equal("transformers calorimeter", result.Suggestions!.DidYouMean);
        Assert.Equal("Transformers for calorimeter showers", Assert.Single(result.Suggestions.Titles).Title);
    }

    [Fact]
    public async Task Search_MisspelledTopic_SuggestsTheTopic()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, "anomally-detecton");

        Assert.Empty(result.Hits);
        Assert.Contains("anomaly-detection", result.Suggestions!.Topics);
    }

    [Fact]
    public async Task Search_NothingClose_SuggestsNothing()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, "zzyzx");

        Assert.Empty(result.Hits);
        Assert.True(result.Suggestions!.IsEmpty);
    }

    [Fact]
    public async Task Search_OnlyStopWords_ListsEverything()
    {
        await using var h = await LibraryAsync();

        var result = await SearchAsync(h, new ResourceQuery { Text = "the of and", Limit = 100 });

        Assert.Equal(7, result.Total);
    }

    [Fact]
    public async Task Search_HostileText_IsReadAsWordsNotSyntax()
    {
        await using var h = await LibraryAsync();

        foreach (var text in new[] { "\"", "jet\" OR \"", "NEAR(a b)", "title:jet", "*", "a & b | !c", "'); DROP TABLE resources; --", "jet:*", "\u202Ejet" })
        {
            var result = await SearchAsync(h, text);
            Assert.NotNull(result);
        }

        Assert.Equal(7, (await SearchAsync(h, new ResourceQuery { Limit = 100 })).Total);
    }

    [Fact]
    public async Task Search_SecondPage_ContinuesTheRankingAndCountsAll()
    {
        await using var h = await LibraryAsync();

        var first = await SearchAsync(h, new ResourceQuery { Text = "jet", Limit = 2 });
        var second = await SearchAsync(h, new ResourceQuery { Text = "jet", Limit = 2, Offset = 2 });

        Assert.Equal(3, first.Total);
        Assert.Equal(3, second.Total);
        Assert.Single(second.Hits);
        Assert.Empty(first.Hits.Select(x => x.Resource.Id).Intersect(second.Hits.Select(x => x.Resource.Id)));
    }

    [Fact]
    public async Task Search_TitleMatch_OutranksDescriptionRepeatingTheWordMoreOften()
    {
        // bm25 alone puts "Mitigation notes" first (fifteen description hits weigh more than one title hit at weight 10):
        // a word in the title is what the person most likely meant, and ranking title matches first lets a common
        // word's page be filled from the title matches alone.
        await using var h = await LibraryAsync(
            new ResourceDraft { Title = "Mitigation notes", Url = "https://example.org/mitigation", Kind = "talk", Description = string.Join(' ', Enumerable.Repeat("pileup", 15)) },
            new ResourceDraft { Title = "Pileup in a long review of many other subjects besides", Url = "https://example.org/pileup", Kind = "review", Description = "Nothing about it here." });

        var result = await SearchAsync(h, "pileup");

        Assert.Equal(["Pileup in a long review of many other subjects besides", "Mitigation notes"], Titles(result));
    }

    [Fact]
    public async Task Search_WordsSplitAcrossTitleAndTopics_StillMatchAfterTitleMatches()
    {
        await using var h = await LibraryAsync(new ResourceDraft { Title = "Graph handbook", Url = "https://example.org/handbook", Kind = "book", Topics = ["tracking"] });

        var result = await SearchAsync(h, "graph tracking");

        // The tutorial has both words in its title; the handbook has "graph" in its title and "tracking" in its topics.
        Assert.Equal(["Graph neural networks for particle tracking", "Graph handbook"], Titles(result));
    }

    [Fact]
    public async Task Search_WordWithTopicFilter_MatchesWholeTopicsOnly()
    {
        await using var h = await LibraryAsync(new ResourceDraft { Title = "Jet tagging notes", Url = "https://example.org/notes", Kind = "talk", Topics = ["tagging"] });

        var result = await SearchAsync(h, new ResourceQuery { Text = "jet", Topic = "tagging" });

        // "jet-tagging" contains the words of "tagging" but is another topic.
        Assert.Equal(["Jet tagging notes"], Titles(result));
    }

    [Fact]
    public async Task Search_MoreMatchesThanTheRankWindow_PagesCoverEveryMatchOnceTitlesFirst()
    {
        await using var h = await LibraryAsync();
        var titled = ResourceSearch.RankWindow + 30;
        const int described = 40;
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            for (var i = 0; i < titled + described; i++)
            {
                db.Resources.Add(i < titled
                    ? new Resource { Title = $"Pileup study {i}", Url = $"https://example.org/study/{i}", Kind = ResourceKind.Paper, AddedAt = db.Now }
                    : new Resource { Title = $"Vertex study {i}", Url = $"https://example.org/study/{i}", Kind = ResourceKind.Paper, AddedAt = db.Now, Description = "Robust to pileup." });
            }

            await db.SaveChangesAsync(Ct);
        }

        var seen = new List<string>();
        ResourceSearchResult page;
        do
        {
            page = await SearchAsync(h, new ResourceQuery { Text = "pileup", Limit = ResourceQuery.MaxLimit, Offset = seen.Count });
            Assert.Equal(ResourceSearch.CountCap, page.Total);
            Assert.True(page.TotalIsLowerBound);
            seen.AddRange(Titles(page));
        }
        while (page.Hits.Count == ResourceQuery.MaxLimit);

        Assert.Equal(titled + described, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(seen.Take(titled), t => Assert.StartsWith("Pileup study", t, StringComparison.Ordinal));
        Assert.All(seen.Skip(titled), t => Assert.StartsWith("Vertex study", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_LastWord_MatchesAsAPrefixAndEarlierWordsWhole()
    {
        await using var h = await LibraryAsync();

        // The last word may be still being typed; a word before it is complete.
        Assert.Equal(["Transformers for calorimeter showers"], Titles(await SearchAsync(h, "showers calorim")));
        Assert.Empty((await SearchAsync(h, "calorim showers")).Hits);
    }
}
