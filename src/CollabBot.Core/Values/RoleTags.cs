using System.Text.RegularExpressions;

namespace CollabBot.Core.Values;

/// <summary>The role tags a membership may carry.</summary>
public static partial class RoleTags
{
    public static readonly IReadOnlyList<string> Known = ["dataset-team", "software-team", "champion", "liaison:<experiment>"];

    public static bool TryNormalize(string text, out string tag)
    {
        tag = text.Trim().ToLowerInvariant();
        return tag is "dataset-team" or "software-team" or "champion" || LiaisonRegex().IsMatch(tag);
    }

    [GeneratedRegex("^liaison:[a-z0-9][a-z0-9._-]{0,39}$")]
    private static partial Regex LiaisonRegex();
}
