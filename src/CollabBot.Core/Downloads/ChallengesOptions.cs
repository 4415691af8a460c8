using Microsoft.Extensions.Options;

namespace CollabBot.Core.Downloads;

/// <summary>
/// The <c>Challenges</c> settings section. Its download rules are shared by every download the service makes:
/// challenge files by <c>--url</c>, resource imports and link checks.
/// </summary>
public sealed class ChallengesOptions
{
    public const string Section = "Challenges";

    public const long DefaultMaxUploadBytes = 104_857_600;

    /// <summary>The largest file accepted by any route, uploads and downloads alike.</summary>
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>
    /// Host names the service may download from even when they resolve to loopback, private or link-local addresses
    /// (an intranet mirror, a test server). Exact names, compared without case; no wildcards.
    /// </summary>
    public List<string> DownloadHosts { get; set; } = [];

    public bool IsListed(string host) =>
        DownloadHosts.Any(h => string.Equals(h.Trim().TrimEnd('.'), host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Checked at start: a limit that is not positive, or a host entry that is an address with a scheme or path, is a deployment mistake.</summary>
public sealed class ChallengesOptionsValidator : IValidateOptions<ChallengesOptions>
{
    public ValidateOptionsResult Validate(string? name, ChallengesOptions options)
    {
        var failures = new List<string>();
        if (options.MaxUploadBytes <= 0)
        {
            failures.Add($"Challenges:MaxUploadBytes must be a positive number of bytes (default {ChallengesOptions.DefaultMaxUploadBytes}); it is {options.MaxUploadBytes}.");
        }

        foreach (var host in options.DownloadHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host.Trim().Trim('[', ']')) == UriHostNameType.Unknown)
            {
                failures.Add($"Challenges:DownloadHosts lists '{host}', which is not a host name: give names such as files.intranet.example or 127.0.0.1, without scheme, port or path.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
