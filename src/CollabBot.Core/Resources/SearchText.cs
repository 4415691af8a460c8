using System.Text;

namespace CollabBot.Core.Resources;

/// <summary>
/// What someone typed into a search, read once into words, phrases and exclusions — and written out in each
/// database's own syntax, so the two behave alike. Words are runs of letters and digits (as both indexes split
/// them), lower-cased; English stop words are left out, as PostgreSQL's <c>english</c> configuration leaves them out,
/// so SQLite does not demand them either. Words match by their stem ("networks" finds "network"), and the last word
/// also as a prefix of its stem, since it may be still being typed ("transfor" finds "transformer", "tagging" → "tag"
/// finds "taggers"). Only the last: a prefix is the costly part of a search (every indexed word that starts so is
/// read and merged, 5–10 ms for a common start at 100,000 resources), and a word followed by another is complete.
/// <c>"two words"</c> is a phrase and <c>-word</c> excludes; a phrase is matched exactly, without the prefix rule.
/// </summary>
public sealed record SearchText(IReadOnlyList<string> Words, IReadOnlyList<IReadOnlyList<string>> Phrases, IReadOnlyList<string> Excluded)
{
    public const int MaxWords = 12;
    public const int MaxWordLength = 40;

    public static SearchText Empty { get; } = new([], [], []);

    /// <summary>True when there is something that must match; exclusions alone do not make a search.</summary>
    public bool HasTerms => Words.Count > 0 || Phrases.Count > 0;

    /// <summary>Every word and phrase word, for highlighting and suggestions.</summary>
    public IEnumerable<string> AllWords => Words.Concat(Phrases.SelectMany(p => p));

    public static SearchText Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        var words = new List<string>();
        var phrases = new List<IReadOnlyList<string>>();
        var excluded = new List<string>();
        var i = 0;
        var count = 0;
        while (i < text.Length && count < MaxWords)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                var inner = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
                var phrase = Split(inner).Where(w => !StopWords.Contains(w)).Take(MaxWords - count).ToList();
                if (phrase.Count == 1)
                {
                    words.Add(phrase[0]);
                }
                else if (phrase.Count > 1)
                {
                    phrases.Add(phrase);
                }

                count += phrase.Count;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"')
            {
                i++;
            }

            var token = text[start..i];
            var negative = token.StartsWith('-') && token.Length > 1;
            foreach (var word in Split(negative ? token[1..] : token).Where(w => !StopWords.Contains(w)))
            {
                (negative ? excluded : words).Add(word);
                count++;
            }
        }

        return new SearchText([.. words.Distinct()], phrases, [.. excluded.Distinct()]);
    }

    /// <summary>An FTS5 MATCH expression; null when nothing must match. <paramref name="titleOnly"/>: the words and phrases in the title.</summary>
    public string? ToFts5(bool titleOnly = false)
    {
        if (!HasTerms)
        {
            return null;
        }

        var positive = titleOnly ? $"\"Title\" : ({ToFts5Positive()})" : ToFts5Positive();
        return Excluded.Count == 0 ? positive : $"({positive})" + string.Concat(Excluded.Select(w => $" NOT \"{w}\""));
    }

    /// <summary>The words and phrases that must match, without the exclusions, in FTS5's syntax.</summary>
    public string ToFts5Positive() =>
        string.Join(' ', Words.Select((w, i) => $"\"{w}\"" + Prefix(i)).Concat(Phrases.Select(p => $"\"{string.Join(' ', p)}\"")));

    /// <summary>The prefix mark for the i-th word: the last word only.</summary>
    private string Prefix(int i, string mark = "*") => i == Words.Count - 1 ? mark : "";

    /// <summary>
    /// A <c>to_tsquery('english', …)</c> text; null when nothing must match. <paramref name="positiveOnly"/>: the words
    /// and phrases without the exclusions (for the title's own vector).
    /// </summary>
    public string? ToTsQuery(bool positiveOnly = false)
    {
        if (!HasTerms)
        {
            return null;
        }

        // The prefix as "(w | w:*)", which matches the same: PostgreSQL estimates a prefix alone as rare, and then reads
        // every match of a common word through the index instead of stopping at the newest.
        return string.Join(" & ", Words.Select((w, i) => Prefix(i).Length > 0 ? $"({w} | {w}:*)" : w)
            .Concat(Phrases.Select(p => "(" + string.Join(" <-> ", p) + ")"))
            .Concat(positiveOnly ? [] : Excluded.Select(w => "!" + w)));
    }

    /// <summary>Runs of letters and digits, lower-cased: how unicode61 and PostgreSQL's parser split words.</summary>
    public static IEnumerable<string> Split(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (builder.Length > 0)
            {
                yield return Cut(builder.ToString());
                builder.Clear();
            }
        }

        if (builder.Length > 0)
        {
            yield return Cut(builder.ToString());
        }

        static string Cut(string word) => word.Length > MaxWordLength ? word[..MaxWordLength] : word;
    }

    /// <summary>PostgreSQL's English stop word list (Snowball's), which its <c>english</c> configuration drops.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are",
        "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
        "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about",
        "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up",
        "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when",
        "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor",
        "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
    };
}
