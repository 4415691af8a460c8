namespace CollabBot.Core.Values;

/// <summary>Shortening text for a message: one rule for every place that quotes input back or fills a limited field.</summary>
public static class Clipping
{
    /// <summary>The text, or its first <paramref name="max"/> characters and "…" when it is longer: for quoting what someone wrote back in a sentence.</summary>
    public static string Clip(string? text, int max)
    {
        text ??= "";
        return text.Length > max ? text[..max] + "…" : text;
    }

    /// <summary>The text within a hard limit of <paramref name="limit"/> characters, the "…" counted in: for a platform's field limits.</summary>
    public static string Fit(string text, int limit) => text.Length <= limit ? text : Clip(text, limit - 1);
}
