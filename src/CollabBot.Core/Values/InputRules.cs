using System.Text;

namespace CollabBot.Core.Values;

/// <summary>
/// The rules every value a user gives must meet, whichever platform it came from: Slack's and the console's typed
/// text and Discord's structured options all reach <see cref="Commands.ArgumentBinder"/>, which asks here. Text may hold
/// any printable character, line breaks and tabs; not control characters (a terminal escape, a NUL), not the
/// bidirectional embeddings, overrides and isolates that make text read differently from what it holds
/// ("Trojan Source"), and not half a surrogate pair, which no encoding can carry.
/// </summary>
public static class InputRules
{
    /// <summary>Null when <paramref name="text"/> may be used; otherwise what is wrong with it, e.g. "a control character (U+0007)".</summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\t')
            {
                continue;
            }

            if (char.IsControl(c))
            {
                return $"a control character (U+{(int)c:X4})";
            }

            if (IsDirectionControl(c))
            {
                return $"a text-direction control character (U+{(int)c:X4}) that would make it read differently from what it holds";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"a broken character (a lone surrogate, U+{(int)c:X4})";
            }
        }

        return null;
    }

    /// <summary>The sentence for a value that breaks a rule: "--title contains a control character (U+0007), which cannot be used; please retype it."</summary>
    public static string Refusal(string label, string problem) => $"{label} contains {problem}, which cannot be used; please retype it.";

    /// <summary>
    /// User text quoted back in an error: every character the rules refuse becomes U+FFFD, so that an echo of a
    /// word the service did not understand never carries an escape sequence or a direction override to the reader.
    /// </summary>
    public static string Visible(string text)
    {
        if (Problem(text) is null)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append(c is not ('\n' or '\r' or '\t') && (char.IsControl(c) || IsDirectionControl(c) || char.IsSurrogate(c)) ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    /// <summary>LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069). The plain marks LRM and RLM stay allowed: right-to-left names need them.</summary>
    private static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
