using System.Text;

namespace CollabBot.Core.Commands;

public static partial class TypedTextParser
{
    /// <summary>A word of the line; a quoted one is never an option, a subcommand or <c>help</c>.</summary>
    private readonly record struct Token(string Value, bool Quoted);

    private static List<Token> Tokenize(string text, out string? error)
    {
        error = null;
        var tokens = new List<Token>();
        var current = new StringBuilder();
        var inToken = false;
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(new Token(current.ToString(), quoted));
                    current.Clear();
                    inToken = false;
                    quoted = false;
                }

                i++;
                continue;
            }

            // A quote opens at the start of a word, or right after "=" in --opt="value"; elsewhere (O'Brien) it is a letter.
            var opensHere = !inToken || (current.Length > 2 && current[^1] == '=' && current[0] == '-' && current[1] == '-');
            if (opensHere && CloserFor(c) is { } closer)
            {
                var start = i;
                if (!ReadQuoted(text, ref i, closer, current))
                {
                    var context = text.Substring(start, Math.Min(20, text.Length - start));
                    error = $"A quote is not closed: {context}{(text.Length - start > 20 ? "…" : "")} — end it with {closer}.";
                    return tokens;
                }

                quoted = quoted || !inToken;
                inToken = true;
                continue;
            }

            current.Append(c);
            inToken = true;
            i++;
        }

        if (inToken)
        {
            tokens.Add(new Token(current.ToString(), quoted));
        }

        return tokens;
    }

    /// <summary>
    /// The quoted stretch opened at <c>text[i]</c> into <paramref name="current"/>, without its quotes and with
    /// <c>\"</c>, <c>\\</c> and an escaped opener read as the character; <paramref name="i"/> ends past the closer.
    /// False when the line ends first. Curly quotes close with either curly double quote, as phones type them.
    /// </summary>
    private static bool ReadQuoted(string text, ref int i, char closer, StringBuilder current)
    {
        var opener = text[i];
        i++;
        while (i < text.Length)
        {
            var q = text[i];
            if (q == '\\' && i + 1 < text.Length && (text[i + 1] == closer || text[i + 1] == '\\' || text[i + 1] == opener))
            {
                current.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (q == closer || (closer == '”' && q == '“') || (closer == '“' && q == '”'))
            {
                i++;
                return true;
            }

            current.Append(q);
            i++;
        }

        return false;
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c);

    private static char? CloserFor(char c) => c switch
    {
        '"' => '"',
        '\'' => '\'',
        '“' => '”',
        '”' => '”',
        '„' => '“',
        '‘' => '’',
        '«' => '»',
        _ => null,
    };
}
