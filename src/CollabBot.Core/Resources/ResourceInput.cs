using System.Globalization;
using System.Text;
using CollabBot.Core.Domain;
using CollabBot.Core.Values;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Resources;

/// <summary>A resource as someone wrote it — in a command, a BibTeX or CSV file, or the seed — before it is checked.</summary>
public sealed record ResourceDraft
{
    public string? Url { get; init; }
    public string? Title { get; init; }
    public string? Kind { get; init; }
    public string? Level { get; init; }
    public string? Audience { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Year { get; init; }
    public string? ArxivId { get; init; }
    public string? Doi { get; init; }
    public string? InspireId { get; init; }
    public string? Licence { get; init; }
    public string? Description { get; init; }

    /// <summary>Group slugs.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];
}

/// <summary>A checked and normalised resource, ready to store.</summary>
public sealed record ResourceValues(
    string Url,
    string Title,
    ResourceKind Kind,
    ResourceLevel? Level,
    ResourceAudience? Audience,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Authors,
    int? Year,
    string? ArxivId,
    string? Doi,
    string? InspireId,
    string? Licence,
    string? Description,
    IReadOnlyList<string> Groups)
{
    public string UrlKey => ResourceKeys.Url(Url);

    /// <summary>Copies the values onto an entity (a new one, or one being edited).</summary>
    public void ApplyTo(Resource resource)
    {
        resource.Url = Url;
        resource.Title = Title;
        resource.Kind = Kind;
        resource.Level = Level;
        resource.Audience = Audience;
        resource.Topics = [.. Topics];
        resource.Authors = [.. Authors];
        resource.Year = Year;
        resource.ArxivId = ArxivId;
        resource.Doi = Doi;
        resource.InspireId = InspireId;
        resource.Licence = Licence;
        resource.Description = Description;
    }
}

/// <summary>
/// The one validator for resources, whatever they come from: each problem is a sentence that says what is wrong and
/// what is accepted. An address may be left out when an arXiv id or DOI gives one; arXiv ids and DOIs are also read
/// from the address.
/// </summary>
public static class ResourceInput
{
    public const int MaxDescription = 2000;
    public const int MaxAuthors = 100;
    public const int MaxAuthor = 200;
    public const int MaxTopics = 12;
    public const int MaxLicence = 64;

    public static bool TryValidate(ResourceDraft draft, int currentYear, out ResourceValues values, out string error)
    {
        values = null!;
        var title = OneLine(draft.Title);
        if (title.Length == 0)
        {
            error = "A resource needs a title.";
            return false;
        }

        if (title.Length > ResourceKeys.MaxTitle)
        {
            error = $"A title is at most {ResourceKeys.MaxTitle} characters; this one has {title.Length}.";
            return false;
        }

        if (!ResourceTerms.TryParseKind(draft.Kind, out var kind, out error))
        {
            return false;
        }

        ResourceLevel? level = null;
        if (!string.IsNullOrWhiteSpace(draft.Level))
        {
            if (!ResourceTerms.TryParseLevel(draft.Level, out var l, out error))
            {
                return false;
            }

            level = l;
        }

        ResourceAudience? audience = null;
        if (!string.IsNullOrWhiteSpace(draft.Audience))
        {
            if (!ResourceTerms.TryParseAudience(draft.Audience, out var a, out error))
            {
                return false;
            }

            audience = a;
        }

        string? arxiv = null;
        if (!string.IsNullOrWhiteSpace(draft.ArxivId))
        {
            if (!ResourceKeys.TryArxiv(draft.ArxivId, out var id))
            {
                error = $"'{Clip(draft.ArxivId, 40)}' is not an arXiv identifier: use the form 1902.08570 or hep-ph/0603175.";
                return false;
            }

            arxiv = id;
        }

        string? doi = null;
        if (!string.IsNullOrWhiteSpace(draft.Doi))
        {
            if (!ResourceKeys.TryDoi(draft.Doi, out var d))
            {
                error = $"'{Clip(draft.Doi, 40)}' is not a DOI: use the form 10.1103/PhysRevD.101.056019 or https://doi.org/….";
                return false;
            }

            doi = d;
        }

        string? inspire = null;
        if (!string.IsNullOrWhiteSpace(draft.InspireId))
        {
            if (!ResourceKeys.TryInspire(draft.InspireId, out var i))
            {
                error = $"'{Clip(draft.InspireId, 40)}' is not an INSPIRE record: use its number, e.g. 1712364, or its inspirehep.net/literature address.";
                return false;
            }

            inspire = i;
        }

        var urlText = OneLine(draft.Url);
        if (urlText.Length == 0)
        {
            urlText = arxiv is not null ? ResourceKeys.ArxivUrl(arxiv) : doi is not null ? ResourceKeys.DoiUrl(doi) : "";
        }

        if (urlText.Length == 0)
        {
            error = "A resource needs an address (https://…), or an arXiv id or DOI that gives one.";
            return false;
        }

        if (!TryWebAddress(urlText, out var url, out error))
        {
            return false;
        }

        // An arXiv or doi.org address carries its identifier: recorded, so the same paper is recognised by either.
        if (arxiv is null && ResourceKeys.TryArxiv(url, out var fromUrl))
        {
            arxiv = fromUrl;
        }

        if (doi is null && ResourceKeys.TryDoi(url, out var doiFromUrl))
        {
            doi = doiFromUrl;
        }

        int? year = null;
        if (!string.IsNullOrWhiteSpace(draft.Year))
        {
            if (!int.TryParse(draft.Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1900 || y > currentYear + 1)
            {
                error = $"'{Clip(draft.Year, 40)}' is not a year: use four digits from 1900 to {currentYear + 1}.";
                return false;
            }

            year = y;
        }

        var topics = new List<string>();
        foreach (var t in draft.Topics.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            if (!ResourceTerms.TryParseTopic(t, out var topic, out error))
            {
                return false;
            }

            if (!topics.Contains(topic))
            {
                topics.Add(topic);
            }
        }

        if (topics.Count > MaxTopics)
        {
            error = $"A resource has at most {MaxTopics} topics; this one has {topics.Count}.";
            return false;
        }

        var authors = draft.Authors.Select(OneLine).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (authors.Count > MaxAuthors)
        {
            // A collaboration paper with thousands of authors is still one entry; the first ones and "et al." say who.
            authors = [.. authors.Take(MaxAuthors - 1), "et al."];
        }

        if (authors.FirstOrDefault(a => a.Length > MaxAuthor) is { } longName)
        {
            error = $"An author's name is at most {MaxAuthor} characters: '{Clip(longName, 40)}'.";
            return false;
        }

        var licence = OneLine(draft.Licence);
        if (licence.Length > MaxLicence)
        {
            error = $"A licence is at most {MaxLicence} characters, e.g. CC-BY-4.0 or MIT.";
            return false;
        }

        var description = Paragraph(draft.Description);
        if (description.Length > MaxDescription)
        {
            error = $"A description is at most {MaxDescription} characters; this one has {description.Length}.";
            return false;
        }

        var groups = new List<string>();
        foreach (var g in draft.Groups.Select(g => g.Trim().ToLowerInvariant()).Where(g => g.Length > 0))
        {
            if (!Slug.IsValid(g))
            {
                error = $"'{Clip(g, 40)}' is not a working group slug.";
                return false;
            }

            if (!groups.Contains(g))
            {
                groups.Add(g);
            }
        }

        values = new ResourceValues(url, title, kind, level, audience, topics, authors, year, arxiv, doi, inspire,
            licence.Length == 0 ? null : licence, description.Length == 0 ? null : description, groups);
        error = "";
        return true;
    }

    /// <summary>An absolute http(s) address without spaces or control characters, at most <see cref="ResourceKeys.MaxUrl"/> long.</summary>
    public static bool TryWebAddress(string text, out string url, out string error)
    {
        url = "";
        var t = text.Trim();
        if (t.Length > ResourceKeys.MaxUrl)
        {
            error = $"An address is at most {ResourceKeys.MaxUrl} characters.";
            return false;
        }

        if (!Uri.TryCreate(t, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || t.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || uri.Host.Length == 0)
        {
            error = $"'{Clip(t, 40)}' is not a web address: use one that starts with https:// or http://.";
            return false;
        }

        url = uri.AbsoluteUri;
        error = "";
        return true;
    }

    /// <summary>Whitespace and control characters (newlines included) collapsed to single spaces.</summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(c);
            space = false;
        }

        return builder.ToString();
    }

    /// <summary>Runs of whitespace collapsed, blank lines kept as paragraph breaks, other control characters dropped.</summary>
    private static string Paragraph(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var paragraphs = text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(OneLine).Where(p => p.Length > 0);
        return string.Join("\n\n", paragraphs);
    }
}
