using CollabBot.Core.Domain;

namespace CollabBot.Core.Authors;

/// <summary>Where an author list is downloaded (<c>/authors/&lt;project&gt;.&lt;ext&gt;</c>) and how its options are read from text.</summary>
public static class AuthorDownloads
{
    /// <summary><c>/authors/jet-paper.tex?order=contribution&amp;min-degree=lead</c>; default options are left out.</summary>
    public static string Path(string projectSlug, AuthorFormat format, AuthorListOptions options)
    {
        var query = new List<string>();
        if (options.Order != AuthorOrder.Alpha)
        {
            query.Add("order=" + options.Order.ToString().ToLowerInvariant());
        }

        if (options.MinDegree is { } min)
        {
            query.Add("min-degree=" + CreditTaxonomy.DegreeName(min));
        }

        var path = $"/authors/{projectSlug}.{AuthorFormats.Info(format).Extension}";
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    /// <summary>Reads <c>alpha|contribution</c> and <c>lead|equal|supporting</c>; null or empty means the default.</summary>
    public static bool TryParseOptions(string? order, string? minDegree, out AuthorListOptions options, out string error)
    {
        options = new AuthorListOptions();
        error = "";
        AuthorOrder parsedOrder;
        switch (order?.Trim().ToLowerInvariant())
        {
            case null or "" or "alpha":
                parsedOrder = AuthorOrder.Alpha;
                break;
            case "contribution":
                parsedOrder = AuthorOrder.Contribution;
                break;
            default:
                error = "The order is alpha or contribution.";
                return false;
        }

        ContributionDegree? min;
        switch (minDegree?.Trim().ToLowerInvariant())
        {
            case null or "":
                min = null;
                break;
            case "lead":
                min = ContributionDegree.Lead;
                break;
            case "equal":
                min = ContributionDegree.Equal;
                break;
            case "supporting":
                min = ContributionDegree.Supporting;
                break;
            default:
                error = "The minimum degree is lead, equal or supporting.";
                return false;
        }

        options = new AuthorListOptions(parsedOrder, min);
        return true;
    }
}
