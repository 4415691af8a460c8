using System.Globalization;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;

namespace CollabBot.Core.Features.Resources;

/// <summary>How replies show a resource: its short id first (<c>#42</c>), which every other subcommand takes.</summary>
public static class ResourceLines
{
    /// <summary>A list allows this many lines before it says how many more there are and where to see them all.</summary>
    public const int ListLength = 20;

    /// <summary><c>#42 Title — tutorial, beginner, 2021 · link</c>, the title's matches in bold when it came from a search.</summary>
    public static Line Summary(Resource r, Highlighted? title = null)
    {
        var parts = new List<Inline> { new Strong(r.Ref), new Text(" ") };
        parts.AddRange(title is not null && title.HasMatch ? title.ToInlines() : [new Text(r.Title)]);
        parts.Add(new Text(" — " + Details(r)));
        parts.Add(new Text(" · "));
        parts.Add(new Link(r.Url, Host(r.Url)));
        if (r.Link?.IsBroken == true)
        {
            parts.Add(new Text(" (link broken)"));
        }

        if (r.IsRetired)
        {
            parts.Add(new Text(" (retired)"));
        }

        return new Line(parts);
    }

    /// <summary>"tutorial, beginner, 2021".</summary>
    public static string Details(Resource r)
    {
        var bits = new List<string> { ResourceTerms.Name(r.Kind) };
        if (r.Level is { } level)
        {
            bits.Add(ResourceTerms.Name(level));
        }

        if (r.Year is { } year)
        {
            bits.Add(year.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(", ", bits);
    }

    public static string Host(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host) : "link";

    public static string Groups(Resource r) =>
        r.Groups.Count == 0 ? "none (anyone's)" : string.Join(", ", r.Groups.OrderBy(g => g.AddedAt).ThenBy(g => g.GroupId).Select(g => g.Group.Slug));

    public static string Count(int n, string one, string many) => n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    /// <summary>Text people typed, shortened for an echo in a sentence.</summary>
    public static string Clip(string text, int max = 60) => text.Length > max ? text[..max] + "…" : text;
}
