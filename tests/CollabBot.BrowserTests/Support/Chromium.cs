using Microsoft.Playwright;

namespace CollabBot.BrowserTests.Support;

/// <summary>
/// The system Chromium (Debian's <c>chromium</c> package), driven by Playwright: Playwright's own browser download
/// does not work here, and the system browser is what CI installs with <c>.ci/chromium.sh</c>.
/// </summary>
public static class Chromium
{
    /// <summary>Set (by CI) to a Chromium binary: the browser tests then fail rather than skip when it is missing.</summary>
    public const string Variable = "COLLABBOT_TEST_CHROMIUM";

    public const string DefaultPath = "/usr/bin/chromium";

    public const string HowToEnable =
        "Install it with `bash .ci/chromium.sh` (Debian's chromium package, /usr/bin/chromium), or set " + Variable + " to a Chromium or Chrome binary.";

    /// <summary>The flags that work on these machines: no sandbox as root, and none of Chromium's own calls home, which the closed network refuses.</summary>
    public static readonly IReadOnlyList<string> Flags =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    /// <summary>The browser to use, or null with the reason to skip; throws when CI asked for a browser that is not there.</summary>
    public static string? Find(out string skipReason)
    {
        skipReason = "";
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            if (!File.Exists(configured))
            {
                throw new InvalidOperationException($"{Variable} is {configured}, which does not exist. {HowToEnable}");
            }

            return configured;
        }

        if (File.Exists(DefaultPath))
        {
            return DefaultPath;
        }

        skipReason = $"Chromium is not installed at {DefaultPath}. {HowToEnable}";
        return null;
    }

    /// <summary>Headless, with a fresh profile of Playwright's own (a new temporary --user-data-dir per launch).</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string executable) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            ChromiumSandbox = false,
            Args = [.. Flags],
            Timeout = 60_000,
        });
}
