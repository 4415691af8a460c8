using CollabBot.Core.Domain;
using NodaTime;

namespace CollabBot.Core.Meetings;

/// <summary>
/// The kind of each occurrence. A series that alternates kinds (<c>--alternate general,expert</c>) gives them in turn
/// to its scheduled dates counted from its start, so a cancelled or moved date keeps its kind and the next keeps its own.
/// </summary>
public static class MeetingKinds
{
    public const int MaxKinds = 6;

    public static string Of(Occurrence occurrence) => Of(occurrence.Series, occurrence.OriginalDate);

    public static string Of(MeetingSeries series, LocalDate originalDate)
    {
        var kinds = Parse(series.AlternateKinds);
        if (kinds.Count == 0 || MeetingTime.Parse(series.StartLocal) is not { } start)
        {
            return series.Kind;
        }

        if (Occurrences.Rule(series) is not { } rule || originalDate <= start.Date)
        {
            return kinds[0];
        }

        var index = rule.Expand(start, start, originalDate.PlusDays(-1).At(LocalTime.MaxValue)).Count();
        return kinds[index % kinds.Count];
    }

    /// <summary>"general,expert" → [general, expert]; null or empty → none.</summary>
    public static IReadOnlyList<string> Parse(string? text) =>
        text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => k.ToLowerInvariant())];

    /// <summary>Checks an <c>--alternate</c> value: two to six kinds, each a word of letters, digits and hyphens up to 40 characters.</summary>
    public static string? Validate(string text, out string? normalized)
    {
        var kinds = Parse(text);
        normalized = null;
        if (kinds.Count is < 2 or > MaxKinds)
        {
            return $"--alternate takes {2} to {MaxKinds} kinds separated by commas, e.g. general,expert.";
        }

        if (kinds.FirstOrDefault(k => k.Length > 40 || !k.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) is { } bad)
        {
            return $"'{(bad.Length > 40 ? bad[..40] + "…" : bad)}' is not a kind: use lower-case letters, digits and hyphens (e.g. general,expert).";
        }

        normalized = string.Join(',', kinds);
        return null;
    }
}
