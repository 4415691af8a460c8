using System.Globalization;
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

/// <summary>ORCID iDs: <c>0000-0000-0000-000X</c> with an ISO 7064 mod 11-2 check digit; also accepted as the orcid.org URL.</summary>
public static partial class Orcid
{
    public static bool TryNormalize(string text, out string orcid, out string error)
    {
        orcid = "";
        var bare = text.Trim();
        foreach (var prefix in new[] { "https://orcid.org/", "http://orcid.org/", "orcid.org/" })
        {
            if (bare.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                bare = bare[prefix.Length..];
                break;
            }
        }

        bare = bare.ToUpperInvariant();
        if (!OrcidRegex().IsMatch(bare))
        {
            error = $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not an ORCID iD: use the form 0000-0002-1825-0097 or https://orcid.org/0000-0002-1825-0097.";
            return false;
        }

        var digits = bare.Replace("-", "", StringComparison.Ordinal);
        var expected = CheckDigit(digits[..15]);
        if (digits[15] != expected)
        {
            error = $"{bare} is not a valid ORCID iD: its last character should be {expected} (ISO 7064 mod 11-2 check digit). Please check for a typo.";
            return false;
        }

        orcid = bare;
        error = "";
        return true;
    }

    /// <summary>ISO 7064 mod 11-2 over the first 15 digits.</summary>
    public static char CheckDigit(string first15)
    {
        var total = 0;
        foreach (var c in first15)
        {
            total = (total + (c - '0')) * 2;
        }

        var result = (12 - (total % 11)) % 11;
        return result == 10 ? 'X' : (char)('0' + result);
    }

    public static string Url(string orcid) => "https://orcid.org/" + orcid;

    // [0-9], not \d: \d admits non-ASCII digits, and the check digit below computes on c - '0'.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]\z")]
    private static partial Regex OrcidRegex();
}

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

/// <summary>Reminder offsets: <c>2d</c>, <c>3h</c>, <c>90m</c>, <c>1h30m</c>, comma-separated.</summary>
public static partial class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = DurationRegex().Match(text.Trim().ToLowerInvariant());
        if (!match.Success || match.Length == 0 || text.Trim().Length == 0)
        {
            return false;
        }

        static int Part(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        var days = Part(match.Groups["d"]);
        var hours = Part(match.Groups["h"]);
        var minutes = Part(match.Groups["m"]);
        value = new TimeSpan(days, hours, minutes, 0);
        return value > TimeSpan.Zero && value <= TimeSpan.FromDays(60);
    }

    public static bool TryParseList(string text, out IReadOnlyList<TimeSpan> values, out string error)
    {
        var list = new List<TimeSpan>();
        values = list;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var span))
            {
                error = $"'{(part.Length > 20 ? part[..20] + "…" : part)}' is not a duration.";
                return false;
            }

            list.Add(span);
        }

        error = "";
        return list.Count > 0;
    }

    public static string Format(TimeSpan span)
    {
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days}d");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours}h");
        }

        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes}m");
        }

        return string.Concat(parts);
    }

    // [0-9], not \d: \d also matches Arabic-Indic and full-width digits, which int.Parse then rejects with an exception.
    [GeneratedRegex(@"^(?:(?<d>[0-9]{1,2})d)?(?:(?<h>[0-9]{1,3})h)?(?:(?<m>[0-9]{1,4})m)?\z")]
    private static partial Regex DurationRegex();
}

/// <summary>"Did you mean …?" for slugs and ids, by edit distance and prefix.</summary>
public static class Suggest
{
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        input = input.ToLowerInvariant();
        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var lower = candidate.ToLowerInvariant();
            var score = lower.StartsWith(input, StringComparison.Ordinal) || input.StartsWith(lower, StringComparison.Ordinal)
                ? Math.Abs(lower.Length - input.Length) / 4
                : Distance(input, lower);
            if (score < bestScore || (score == bestScore && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestScore = score;
            }
        }

        // Only suggest something plausibly meant: at most a third of the word changed.
        return best is not null && bestScore <= Math.Max(2, input.Length / 3) ? best : null;
    }

    /// <summary>" (did you mean X?)" or an empty string.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } c ? $" (did you mean {c}?)" : "";

    public static int Distance(string a, string b)
    {
        if (a.Length > 200 || b.Length > 200)
        {
            return int.MaxValue / 2;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
