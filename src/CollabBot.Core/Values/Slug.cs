using System.Text.RegularExpressions;

namespace CollabBot.Core.Values;

/// <summary>Group, project and dataset slugs: lower-case, a-z0-9-, 2–40 characters, starting with a letter.</summary>
public static partial class Slug
{
    public static bool IsValid(string text) => SlugRegex().IsMatch(text) && !text.EndsWith('-') && !text.Contains("--", StringComparison.Ordinal);

    // \z, not $: $ also matches before a final newline, so "jets\n" would pass.
    [GeneratedRegex(@"^[a-z][a-z0-9-]{1,39}\z")]
    private static partial Regex SlugRegex();
}
