using CollabBot.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Commands;

/// <summary>A suggestion for a reference option: the value to insert and what the user sees.</summary>
public sealed record Suggestion(string Value, string Label);

/// <summary>Completes group, project and dataset (and later meeting) references from the database, for platforms that ask as the user types.</summary>
public sealed class Autocomplete(IServiceScopeFactory scopes)
{
    public const int Max = 25;

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(OptionType type, string? typed, CancellationToken cancellationToken = default)
    {
        var text = (typed ?? "").Trim().ToLowerInvariant();
        if (text.Length > 100)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        switch (type)
        {
            case OptionType.Wg:
                var groups = await db.Groups.AsNoTracking()
                    .Where(g => !g.IsArchived && (g.Slug.StartsWith(text) || g.Name.ToLower().Contains(text)))
                    // Slugs that start with what was typed come first: otherwise 25 groups whose names merely contain
                    // the text ("Statistical ..." for "cal") and sort earlier would crowd out the group being typed.
                    .OrderBy(g => g.Slug == text ? 0 : g.Slug.StartsWith(text) ? 1 : 2)
                    .ThenBy(g => g.Slug)
                    .Take(Max)
                    .Select(g => new { g.Slug, g.Name })
                    .ToListAsync(cancellationToken);
                return [.. groups.Select(g => new Suggestion(g.Slug, Fit($"{g.Slug} — {g.Name}", 100)))];
            case OptionType.Project:
                var projects = await db.Projects.AsNoTracking()
                    .Where(p => p.Slug.StartsWith(text) || p.Title.ToLower().Contains(text))
                    .OrderBy(p => p.Slug)
                    .Take(Max)
                    .Select(p => new { p.Slug, p.Title })
                    .ToListAsync(cancellationToken);
                return [.. projects.Select(p => new Suggestion(p.Slug, Fit($"{p.Slug} — {p.Title}", 100)))];
            case OptionType.Dataset:
                var datasets = await db.Datasets.AsNoTracking()
                    .Where(d => d.Slug.StartsWith(text) || d.Title.ToLower().Contains(text))
                    .OrderBy(d => d.Slug)
                    .Take(Max)
                    .Select(d => new { d.Slug, d.Title })
                    .ToListAsync(cancellationToken);
                return [.. datasets.Select(d => new Suggestion(d.Slug, Fit($"{d.Slug} — {d.Title}", 100)))];
            case OptionType.Challenge:
                var challenges = await db.Challenges.AsNoTracking()
                    .Where(c => c.Slug.StartsWith(text) || c.Title.ToLower().Contains(text))
                    .OrderBy(c => c.Slug)
                    .Take(Max)
                    .Select(c => new { c.Slug, c.Title })
                    .ToListAsync(cancellationToken);
                return [.. challenges.Select(c => new Suggestion(c.Slug, Fit($"{c.Slug} — {c.Title}", 100)))];
            default:
                return [];
        }
    }
}
