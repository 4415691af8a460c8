using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CollabBot.Core.Domain;

/// <summary>
/// How resources are recognised: their short reference (<c>#42</c>), a folded title, a normalised address, and bare
/// arXiv identifiers and DOIs read from however people and files write them. Import, the seed and the commands
/// all recognise duplicates through these, so "the same resource" means one thing everywhere.
/// </summary>
public static partial class ResourceKeys
{
    public const int MaxTitle = 300;
    public const int MaxUrl = 1000;

    public static string Ref(int id) => "#" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads <c>#42</c> or <c>42</c>.</summary>
    public static bool TryParseRef(string text, out int id)
    {
        var t = text.Trim();
        if (t.StartsWith('#'))
        {
            t = t[1..];
        }

        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }

    /// <summary>Lower case, accents and punctuation dropped, spaces collapsed: "Jet Tagging via Particle Clouds." and "jet tagging via particle clouds" are one title.</summary>
    public static string Title(string title)
    {
        var builder = new StringBuilder(title.Length);
        var space = false;
        foreach (var c in title.Normalize(NormalizationForm.FormKD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.Length > MaxTitle ? builder.ToString(0, MaxTitle) : builder.ToString();
    }

    /// <summary>
    /// The address as a comparison key: no scheme, lower-case host without <c>www.</c>, no default port, fragment,
    /// tracking parameters or trailing slash; arXiv abstract and PDF addresses (any version) become the abstract
    /// page of the bare identifier, doi.org addresses the lower-case DOI. Text that is not an absolute address is
    /// returned trimmed, so it can still be compared.
    /// </summary>
    public static string Url(string text)
    {
        var trimmed = text.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return trimmed.Length > MaxUrl ? trimmed[..MaxUrl] : trimmed;
        }

        if (TryArxiv(trimmed, out var arxiv))
        {
            return "arxiv.org/abs/" + arxiv;
        }

        if (TryDoi(trimmed, out var doi))
        {
            return "doi.org/" + doi;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/index.html", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/index.htm", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..path.LastIndexOf('/')];
        }

        var query = string.Join('&', uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTracking(p.Split('=')[0])));
        var key = host + port + path + (query.Length > 0 ? "?" + query : "");
        return key.Length > MaxUrl ? key[..MaxUrl] : key;
    }

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || name is "fbclid" or "gclid" or "mc_cid" or "mc_eid";

    /// <summary>
    /// A bare arXiv identifier without version from <c>1902.08570v2</c>, <c>arXiv:1902.08570</c>,
    /// <c>hep-ph/0603175</c>, or an arxiv.org <c>abs</c>/<c>pdf</c> address.
    /// </summary>
    public static bool TryArxiv(string? text, out string id)
    {
        id = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var url = ArxivUrlRegex().Match(t);
        if (url.Success)
        {
            t = url.Groups["id"].Value;
        }
        else if (t.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase))
        {
            t = t[6..].Trim();
        }

        if (t.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            t = t[..^4];
        }

        var match = ArxivIdRegex().Match(t);
        if (!match.Success)
        {
            return false;
        }

        id = match.Groups["id"].Value;
        return true;
    }

    /// <summary>A bare lower-case DOI from <c>10.1000/xyz</c>, <c>doi:10.1000/xyz</c> or a doi.org address.</summary>
    public static bool TryDoi(string? text, out string doi)
    {
        doi = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var url = DoiUrlRegex().Match(t);
        if (url.Success)
        {
            t = Uri.UnescapeDataString(url.Groups["doi"].Value);
        }
        else if (t.StartsWith("doi:", StringComparison.OrdinalIgnoreCase))
        {
            t = t[4..].Trim();
        }

        if (!DoiRegex().IsMatch(t))
        {
            return false;
        }

        // DOIs are case-insensitive (the DOI Handbook, 2.4): one spelling compares.
        doi = t.ToLowerInvariant();
        return true;
    }

    /// <summary>An INSPIRE literature record number, from the number or an inspirehep.net/literature address.</summary>
    public static bool TryInspire(string? text, out string id)
    {
        id = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = InspireRegex().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        id = match.Groups["id"].Value;
        return true;
    }

    public static string ArxivUrl(string id) => "https://arxiv.org/abs/" + id;

    public static string DoiUrl(string doi) => "https://doi.org/" + doi;

    public static string InspireUrl(string id) => "https://inspirehep.net/literature/" + id;

    [GeneratedRegex(@"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(?<id>[^?#]+?)/?(?:[?#].*)?\z", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivUrlRegex();

    // New scheme (2007 on): YYMM.NNNN(N); old scheme: archive(.subject)/YYMMNNN. A version suffix is dropped.
    [GeneratedRegex(@"^(?<id>[0-9]{4}\.[0-9]{4,5}|[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?\z")]
    private static partial Regex ArxivIdRegex();

    [GeneratedRegex(@"^https?://(?:dx\.)?doi\.org/(?<doi>.+)\z", RegexOptions.IgnoreCase)]
    private static partial Regex DoiUrlRegex();

    [GeneratedRegex(@"^10\.[0-9]{4,9}/\S+\z")]
    private static partial Regex DoiRegex();

    [GeneratedRegex(@"^(?:https?://(?:www\.)?inspirehep\.net/(?:literature|record)/)?(?<id>[0-9]{1,10})/?\z", RegexOptions.IgnoreCase)]
    private static partial Regex InspireRegex();
}
