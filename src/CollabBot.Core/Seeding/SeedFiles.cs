namespace CollabBot.Core.Seeding;

/// <summary>Where the demo data is: <c>seeds/</c> beside the program (copied at build), else the repository's.</summary>
public static class SeedFiles
{
    public static IReadOnlyList<string> Default()
    {
        foreach (var dir in new[] { Path.Combine(AppContext.BaseDirectory, "seeds"), Path.Combine(Directory.GetCurrentDirectory(), "seeds") })
        {
            if (Directory.Exists(dir))
            {
                return [.. Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal)];
            }
        }

        return [];
    }
}
