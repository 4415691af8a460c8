namespace CollabBot.Core.Values;

/// <summary>Splits "Given Family" as typed into the parts author lists need, keeping name particles apart.</summary>
public static class PersonName
{
    private static readonly HashSet<string> Particles = new(StringComparer.OrdinalIgnoreCase)
    {
        "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le", "von", "zu", "ten", "ter", "y", "bin", "ibn", "al",
    };

    public sealed record Parts(string Display, string? Given, string? Particle, string Family);

    public static Parts Split(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return new Parts(name.Trim(), null, null, name.Trim());
        }

        var display = string.Join(' ', words);
        if (words.Length == 1)
        {
            // A mononym: the single name is the family name; formats that need two parts say so.
            return new Parts(display, null, null, words[0]);
        }

        var family = words[^1];
        var particleStart = words.Length - 1;
        while (particleStart > 1 && Particles.Contains(words[particleStart - 1]))
        {
            particleStart--;
        }

        var given = string.Join(' ', words[..particleStart]);
        var particle = particleStart < words.Length - 1 ? string.Join(' ', words[particleStart..^1]) : null;
        return new Parts(display, given, particle, family);
    }
}
