using System.Globalization;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web.Pages;

public sealed partial class ResourcesPage
{
    public const int PageSize = 25;
    public const int MaxQuery = 200;

    /// <summary>What was asked (as typed, for the form), what matched, and a sentence for a filter that could not be used.</summary>
    public sealed record View(
        string Q,
        string Kind,
        string Level,
        string Topic,
        string Wg,
        ResourceSearchResult Result,
        int Page,
        IReadOnlyList<string> Problems,
        IReadOnlyList<Topic> Topics,
        IReadOnlyList<WorkingGroup> Groups)
    {
        /// <summary>This search's address on another page.</summary>
        public string Link(int page) =>
            "/resources?" + string.Join('&', new[] { ("q", Q), ("kind", Kind), ("level", Level), ("topic", Topic), ("wg", Wg), ("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : "") }
                .Where(p => p.Item2.Length > 0).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2)));

        public bool HasMore => Result.TotalIsLowerBound || Page * PageSize < Result.Total;
    }

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    /// <summary>GET /resources?q=&amp;kind=&amp;level=&amp;topic=&amp;wg=&amp;page=: every parameter optional; one that cannot be used is named on the page and left out.</summary>
    public static async Task<IResult> HandleAsync(string? q, string? kind, string? level, string? topic, string? wg, string? page, CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var text = ResourceInput.OneLine(q);
        if (text.Length > MaxQuery)
        {
            text = text[..MaxQuery];
            problems.Add($"Only the first {MaxQuery} characters of the search were used.");
        }

        var query = new ResourceQuery { Text = text.Length == 0 ? null : text, Limit = PageSize };
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (ResourceTerms.TryParseKind(kind, out var k, out var error)) { query = query with { Kind = k }; } else { problems.Add(error); }
        }

        if (!string.IsNullOrWhiteSpace(level))
        {
            if (ResourceTerms.TryParseLevel(level, out var l, out var error)) { query = query with { Level = l }; } else { problems.Add(error); }
        }

        if (!string.IsNullOrWhiteSpace(topic))
        {
            if (ResourceTerms.TryParseTopic(topic, out var t, out var error)) { query = query with { Topic = t }; } else { problems.Add(error); }
        }

        var groups = await db.Groups.AsNoTracking().Where(g => !g.IsArchived).OrderBy(g => g.Slug).ToListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(wg))
        {
            var slug = wg.Trim().ToLowerInvariant();
            var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == slug, cancellationToken);
            if (group is null) { problems.Add($"There is no working group '{(slug.Length > 40 ? slug[..40] + "…" : slug)}'."); } else { query = query with { GroupId = group.Id }; }
        }

        var number = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 1000 ? p : 1;
        query = query with { Offset = (number - 1) * PageSize };
        var result = await new ResourceSearch(db).SearchAsync(query, cancellationToken);
        var topics = await new ResourceLibrary(db).TopicsAsync(cancellationToken);
        var view = new View(text, kind?.Trim() ?? "", level?.Trim() ?? "", topic?.Trim() ?? "", wg?.Trim() ?? "", result, number, problems, topics, groups);
        return Dashboard.Page<ResourcesPage>(new { Model = view });
    }
}
