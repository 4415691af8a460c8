using System.Globalization;
using System.Text.RegularExpressions;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Ports;

namespace CollabBot.Core.Features.Datasets;

// The namespace is Datasets, not Dataset: a namespace named Dataset would shadow the Dataset entity in every file here.

/// <summary>Checking what users type about datasets and how they read, shared by the /dataset handlers; <see cref="DatasetReference"/> finds a dataset.</summary>
public static partial class DatasetRefs
{
    /// <summary>How long a command waits for GitHub before saying it did not answer; the adapters finish slow replies later.</summary>
    public static readonly TimeSpan GitHubTimeout = TimeSpan.FromSeconds(10);

    public static Ports.RepoRef? Repo(Dataset dataset) => dataset.HasRepository ? new RepoRef(dataset.RepoOwner!, dataset.RepoName!) : null;

    /// <summary>The newest version by release date, then by when it was recorded.</summary>
    public static DatasetVersion? Latest(IEnumerable<DatasetVersion> versions) =>
        versions.OrderByDescending(v => v.ReleasedOn, StringComparer.Ordinal).ThenByDescending(v => v.RecordedAt).ThenByDescending(v => v.Id).FirstOrDefault();

    public static IReadOnlyList<DatasetVersion> Newest(IEnumerable<DatasetVersion> versions) =>
        [.. versions.OrderByDescending(v => v.ReleasedOn, StringComparer.Ordinal).ThenByDescending(v => v.RecordedAt).ThenByDescending(v => v.Id)];

    /// <summary>Accepts <c>owner/name</c> and <c>https://github.com/owner/name</c> (with or without <c>.git</c>).</summary>
    public static bool TryParseRepo(string text, out RepoRef repo)
    {
        repo = null!;
        var t = text.Trim();
        foreach (var prefix in new[] { "https://github.com/", "http://github.com/", "github.com/" })
        {
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                t = t[prefix.Length..];
                break;
            }
        }

        t = t.TrimEnd('/');
        if (t.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            t = t[..^4];
        }

        var match = RepoRegex().Match(t);
        if (!match.Success || match.Groups["name"].Value is "." or "..")
        {
            return false;
        }

        repo = new RepoRef(match.Groups["owner"].Value, match.Groups["name"].Value);
        return true;
    }

    /// <summary>A bare DOI (<c>10.5281/zenodo.1234567</c>), also from a doi.org address.</summary>
    public static bool TryParseDoi(string text, out string doi)
    {
        doi = text.Trim();
        foreach (var prefix in new[] { "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:" })
        {
            if (doi.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                doi = doi[prefix.Length..];
                break;
            }
        }

        return DoiRegex().IsMatch(doi) && doi.Length <= 200;
    }

    public static string DoiUrl(string doi) => "https://doi.org/" + doi;

    public static bool IsLicense(string text) => LicenseRegex().IsMatch(text);

    /// <summary>GitHub labels: 1–50 characters; no comma, because the issues filter takes a comma-separated list.</summary>
    public static bool IsLabel(string text) => text.Length is > 0 and <= 50 && !text.Contains(',', StringComparison.Ordinal) && !text.Any(char.IsControl);

    public static bool IsVersion(string text) => VersionRegex().IsMatch(text);

    public static string Today(CommandContext context) => context.Now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Runs one GitHub call with the command's timeout; a timeout is a failure like any other.</summary>
    public static async Task<GitHubResult<T>> CallAsync<T>(Func<CancellationToken, Task<GitHubResult<T>>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(GitHubTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new GitHubFailure(GitHubFailureKind.Unreachable, $"no answer within {GitHubTimeout.TotalSeconds:0} seconds");
        }
    }

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<name>[A-Za-z0-9._-]{1,100})\z")]
    private static partial Regex RepoRegex();

    [GeneratedRegex(@"^10\.[0-9]{4,9}/[^\s]+\z")]
    private static partial Regex DoiRegex();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}\z")]
    private static partial Regex LicenseRegex();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}\z")]
    private static partial Regex VersionRegex();
}
