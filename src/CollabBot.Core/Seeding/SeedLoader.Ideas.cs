using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Seeding;

public static partial class SeedLoader
{
    /// <summary>Topic ideas by title within their group: only missing ones are added, with their votes.</summary>
    private static async Task LoadIdeasAsync(CollabBotDbContext db, SeedFile seed, Dictionary<string, Person> people, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var g in seed.Groups.Where(g => g.Ideas.Count > 0))
        {
            var group = await db.Groups.FirstAsync(x => x.Slug == g.Slug, cancellationToken);
            var known = await db.TopicIdeas.Where(t => t.GroupId == group.Id).Select(t => t.Title).ToListAsync(cancellationToken);
            var age = g.Ideas.Count;
            foreach (var i in g.Ideas)
            {
                age--;
                if (known.Contains(i.Title.Trim()))
                {
                    continue;
                }

                // Suggested a day apart, in the order written, so "then oldest" has something to order.
                var at = now.AddDays(-1 - age);
                var idea = new TopicIdea
                {
                    Group = group,
                    Title = i.Title.Trim(),
                    Note = i.Note?.Trim(),
                    SuggestedBy = Known(people, i.By, source, g.Slug),
                    SpeakerPerson = i.Speaker is null ? null : Known(people, i.Speaker, source, g.Slug),
                    SuggestedAt = at,
                    Status = TopicIdeaStatus.Open,
                };
                idea.Votes.AddRange(i.Votes.Distinct().Select(v => new TopicVote { Idea = idea, Person = Known(people, v, source, g.Slug), At = at }));
                db.TopicIdeas.Add(idea);
            }
        }
    }

    private static Person Known(Dictionary<string, Person> people, string id, string source, string group) =>
        people.TryGetValue(id, out var person) ? person : throw new SeedException($"{source}: {group}: there is no person '{id}' in this file.");
}
