using System.Text.RegularExpressions;

namespace CollabBot.Core.Values;

/// <summary>Identity keys as product.md writes them: <c>slack:&lt;team&gt;:&lt;user&gt;</c>, <c>discord:&lt;user&gt;</c>, <c>console:&lt;name&gt;</c>.</summary>
public static partial class IdentityKey
{
    public static bool IsValid(string text) => IdentityRegex().IsMatch(text);

    // \z, not $ ($ matches before a final newline); [0-9], not \d (which admits any script's digits).
    [GeneratedRegex(@"^(slack:[A-Z0-9]{1,20}:[UW][A-Z0-9]{1,20}|discord:[0-9]{5,22}|console:[a-z0-9][a-z0-9._-]{0,39})\z")]
    private static partial Regex IdentityRegex();
}
