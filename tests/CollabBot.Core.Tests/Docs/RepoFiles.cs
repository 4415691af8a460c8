namespace CollabBot.Core.Tests.Docs;

/// <summary>Files of the repository itself, found from the test binary so the tests run from any working directory.</summary>
internal static class RepoFiles
{
    /// <summary>The folder holding <c>CollabBot.sln</c>, walking up from the test binary.</summary>
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A file's text with line endings made <c>\n</c>, so a checkout with CRLF compares equal.</summary>
    public static string ReadText(params string[] parts) => File.ReadAllText(Path(parts)).ReplaceLineEndings("\n");

    /// <summary>The steering specs live beside the clone (<c>../shared</c>) on developer machines and in CI; null where they do not.</summary>
    public static string? SharedSpec(string name)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", "spec", name));
        return File.Exists(path) ? path : null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CollabBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CollabBot.sln above {AppContext.BaseDirectory}; the docs tests read README.md from the repository root.");
    }
}
