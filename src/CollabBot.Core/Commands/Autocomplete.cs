using CollabBot.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Commands;

/// <summary>A suggestion for a reference option: the value to insert and what the user sees.</summary>
public sealed record Suggestion(string Value, string Label);

/// <summary>Completes group and dataset (and later meeting, project) references from the database, for platforms that ask as the user types.</summary>
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
                    .OrderBy(g => g.Slug)
                    .Take(Max)
                    .Select(g => new { g.Slug, g.Name })
                    .ToListAsync(cancellationToken);
                return [.. groups.Select(g => new Suggestion(g.Slug, Clip($"{g.Slug} — {g.Name}")))];
            case OptionType.Dataset:
                var datasets = await db.Datasets.AsNoTracking()
                    .Where(d => d.Slug.StartsWith(text) || d.Title.ToLower().Contains(text))
                    .OrderBy(d => d.Slug)
                    .Take(Max)
                    .Select(d => new { d.Slug, d.Title })
                    .ToListAsync(cancellationToken);
                return [.. datasets.Select(d => new Suggestion(d.Slug, Clip($"{d.Slug} — {d.Title}")))];
            default:
                return [];
        }
    }

    private static string Clip(string text) => text.Length <= 100 ? text : text[..99] + "…";
}
