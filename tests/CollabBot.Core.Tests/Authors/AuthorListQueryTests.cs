using System.Data.Common;
using CollabBot.Core.Authors;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Seeding;
using CollabBot.Core.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabBot.Core.Tests.Authors;

public sealed class AuthorListQueryTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(150)]
    public async Task Load_AnyNumberOfAuthors_SameNumberOfQueries(int authors)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var counter = new CommandCounter();
        await using var db = new CollabBotDbContext(new DbContextOptionsBuilder<CollabBotDbContext>().UseSqlite(connection).AddInterceptors(counter).Options);
        await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        var now = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        var project = new Project { Group = new WorkingGroup { Slug = "g1", Name = "G" }, Slug = "p1", Title = "P", CreatedAt = now };
        var people = Enumerable.Range(0, authors)
            .Select(i => new Person { DisplayName = $"P{i}", GivenName = "Given", FamilyName = $"Family{i}", Affiliations = [$"Institute {i % 7}", "CERN"], CreatedAt = now })
            .ToList();
        db.Projects.Add(project);
        db.People.AddRange(people);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            project.Contributions.Add(new Contribution { Person = person, Role = CreditRole.Software, Degree = ContributionDegree.Lead, Status = ContributionStatus.Confirmed, RecordedByPersonId = person.Id, RecordedAt = now });
            project.Contributions.Add(new Contribution { Person = person, Role = CreditRole.Validation, Status = i % 2 == 0 ? ContributionStatus.Confirmed : ContributionStatus.Pending, RecordedByPersonId = person.Id, RecordedAt = now });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.ChangeTracker.Clear();
        counter.Count = 0;

        var list = await new AuthorListQuery(db).LoadAsync("p1", new AuthorListOptions(), new DateOnly(2026, 11, 25), TestContext.Current.CancellationToken);

        Assert.Equal(AuthorListQuery.QueriesPerLoad, counter.Count);
        Assert.Equal(authors, list!.Authors.Count);
        Assert.Equal(Math.Min(authors, 7) + 1, list.Affiliations.Count);
    }

    [Fact]
    public async Task Seed_LoadedTwice_ChangesNothing()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var again = await h.QueryAsync(db => SeedLoader.LoadAsync(db, File.ReadAllText(CoreHarness.SeedPath), "community.yaml"));

        Assert.Equal(new SeedResult(0, 0, 0, 0, 0, 0), again);
        var (projects, contributions) = await h.QueryAsync(async db => (await db.Projects.CountAsync(), await db.Contributions.CountAsync()));
        Assert.Equal((2, 18), (projects, contributions));
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
