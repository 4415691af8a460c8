using System.Globalization;

namespace CollabBot.Core.Challenges;

/// <summary>Text from a user's file or command inside one of our error sentences.</summary>
internal static class Quoting
{
    private const int MaxChars = 40;

    /// <summary>At most 40 characters (never half a surrogate pair), control and format characters (line breaks, bidi overrides) shown as '?'.</summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        var cut = text.Length > MaxChars ? (char.IsHighSurrogate(text[MaxChars - 1]) ? MaxChars - 1 : MaxChars) : text.Length;
        var builder = new System.Text.StringBuilder(cut + 1);
        foreach (var c in text[..cut])
        {
            var category = char.GetUnicodeCategory(c);
            builder.Append(category is UnicodeCategory.Control or UnicodeCategory.Format ? '?' : c);
        }

        if (cut < text.Length)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
