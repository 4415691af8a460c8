using System.Data.Common;
using CollabBot.Console;
using CollabBot.Core.Seeding;
using CollabBot.Core.Settings;

namespace CollabBot.Hosting;

/// <summary>
/// The program's verbs (interfaces.md): the first argument, when it is not an option, names one. Every verb takes the
/// host's standard arguments wherever they stand: <c>--urls URL</c>, <c>--environment NAME</c>,
/// <c>--contentRoot DIR</c> and configuration as <c>--Section:Key=value</c> or <c>--Section:Key value</c>. A verb's
/// own options (<c>say --as</c>, <c>export --format</c>) are kept for the verb; any other option is an error.
/// </summary>
public sealed class Verb
{
    /// <summary>Every verb, as <c>help</c> and the README list them.</summary>
    public static readonly IReadOnlyList<string> Names = ["serve", "say", "migrate", "seed", "manifest", "register", "export", "backup", "help"];

    /// <summary>The options each verb reads itself (each takes a value); <c>export</c> also takes <c>-o</c> for <c>--output</c>.</summary>
    private static readonly Dictionary<string, string[]> OwnOptions = new(StringComparer.Ordinal)
    {
        ["say"] = ["as", "channel"],
        ["manifest"] = ["url"],
        ["register"] = ["guild"],
        ["export"] = ["format", "output", "order", "min-degree"],
    };

    /// <summary>
    /// The host's own settings without a section (HostDefaults, WebHostDefaults); everything else is configuration with
    /// a section, <c>--Bot:PublicUrl</c>.
    /// </summary>
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "environment", "contentRoot", "applicationName", "webroot", "http_ports", "https_ports",
        "hostingStartupAssemblies", "hostingStartupExcludeAssemblies", "preventHostingStartup", "detailedErrors",
        "captureStartupErrors", "shutdownTimeoutSeconds", "preferHostingUrls", "suppressStatusMessages", "allowedHosts",
    };

    private Verb(string name, IReadOnlyList<string> verbArgs, string[] hostArgs, IReadOnlyList<string> unknownOptions)
    {
        Name = name;
        VerbArgs = verbArgs;
        HostArgs = hostArgs;
        UnknownOptions = unknownOptions;
    }

    public string Name { get; }

    /// <summary>The verb's own words and options (<c>"/wg list" --as console:alice</c>).</summary>
    public IReadOnlyList<string> VerbArgs { get; }

    /// <summary>Arguments for the host: its standard ones and configuration, in the forms it reads.</summary>
    public string[] HostArgs { get; }

    /// <summary>Options that are neither the verb's nor the host's, refused with the usage.</summary>
    public IReadOnlyList<string> UnknownOptions { get; }

    /// <summary>
    /// The content root to give the host: the program's own folder (where the build puts <c>appsettings*.json</c>), so
    /// settings are found whatever the working directory, unless <c>--contentRoot</c> names another. (An explicit
    /// setting would override the argument, so none is given then.)
    /// </summary>
    public string? ContentRootPath =>
        new ConfigurationBuilder().AddCommandLine(HostArgs).Build()[HostDefaults.ContentRootKey] is null ? AppContext.BaseDirectory : null;

    public static Verb Parse(string[] args)
    {
        // No verb, or serve: every argument is the host's, read by the host in all the forms it knows.
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return new Verb("serve", [], args, []);
        }

        var name = args[0].ToLowerInvariant();
        if (name == "serve")
        {
            return new Verb(name, [], args[1..], []);
        }

        var own = OwnOptions.GetValueOrDefault(name) ?? [];
        List<string> verbArgs = [], hostArgs = [], unknown = [];
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            var isLong = arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2;
            var isShort = name == "export" && arg == "-o";
            if (!isLong && !isShort)
            {
                verbArgs.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var key = isShort ? "output" : equals < 0 ? arg[2..] : arg[2..equals];
            var target = own.Contains(key, StringComparer.Ordinal) ? verbArgs : IsHostKey(key) ? hostArgs : unknown;
            target.Add(arg);

            // "--key value", as the host reads it: the next argument is the value, whatever it looks like.
            if (equals < 0 && i + 1 < args.Length)
            {
                target.Add(args[++i]);
            }
        }

        return new Verb(name, verbArgs, [.. hostArgs], [.. unknown.Where(a => a.StartsWith('-'))]);
    }

    /// <summary>
    /// A host setting or a configuration key with a section. (<c>Bot__PublicUrl</c> is the environment variables' spelling;
    /// the command line does not read it as <c>Bot:PublicUrl</c>, so it is refused rather than silently ignored.)
    /// </summary>
    private static bool IsHostKey(string key) => HostKeys.Contains(key) || (key.Length > 0 && key.Contains(':', StringComparison.Ordinal));

    public async Task<int> RunAsync()
    {
        if (UnknownOptions.Count > 0 && Names.Contains(Name))
        {
            var own = OwnOptions.GetValueOrDefault(Name) is { } options ? $"{Name} takes {string.Join(", ", options.Select(o => "--" + o))}; " : "";
            return Usage(2, $"{string.Join(", ", UnknownOptions)}: not an option of {Name}. {own}configuration goes as --Section:Key=value.");
        }

        try
        {
            return Name switch
            {
                "say" => await ConsoleVerbs.SayAsync(this),
                "migrate" => await ConsoleVerbs.MigrateAsync(this),
                "seed" => await ConsoleVerbs.SeedAsync(this),
                "manifest" => await ConsoleVerbs.ManifestAsync(this),
                "register" => await ConsoleVerbs.RegisterAsync(this),
                "backup" => await ConsoleVerbs.BackupAsync(this),
                "export" => await ConsoleVerbs.ExportAsync(this),
                "help" => Usage(0),
                _ => Usage(2, $"'{Name}' is not a verb."),
            };
        }
        catch (SettingsException ex)
        {
            await System.Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (SeedException ex)
        {
            await System.Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (DbException ex)
        {
            // A wrong path or an unreachable server is the user's to fix: a sentence, not a stack trace.
            // The connection string itself is not printed, as it may hold a password.
            await System.Console.Error.WriteLineAsync($"Could not use the database set by ConnectionStrings:CollabBot: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Option value after the verb, e.g. <c>--as console:alice</c> or <c>--as=console:alice</c>.</summary>
    public string? Option(string name)
    {
        for (var i = 0; i < VerbArgs.Count; i++)
        {
            if (VerbArgs[i] == "--" + name && i + 1 < VerbArgs.Count)
            {
                return VerbArgs[i + 1];
            }

            if (VerbArgs[i].StartsWith($"--{name}=", StringComparison.Ordinal))
            {
                return VerbArgs[i][(name.Length + 3)..];
            }
        }

        return null;
    }

    /// <summary>A one-letter option, <c>-o FILE</c>, or its long form (<c>--output FILE</c>).</summary>
    public string? ShortOption(char letter, string longName)
    {
        for (var i = 0; i < VerbArgs.Count - 1; i++)
        {
            if (VerbArgs[i] == "-" + letter)
            {
                return VerbArgs[i + 1];
            }
        }

        return Option(longName);
    }

    /// <summary>The verb's words that are not options or option values.</summary>
    public IReadOnlyList<string> Words
    {
        get
        {
            var words = new List<string>();
            for (var i = 0; i < VerbArgs.Count; i++)
            {
                if (VerbArgs[i].StartsWith("--", StringComparison.Ordinal))
                {
                    if (!VerbArgs[i].Contains('=', StringComparison.Ordinal))
                    {
                        i++;
                    }

                    continue;
                }

                if (VerbArgs[i] == "-o")
                {
                    i++;
                    continue;
                }

                words.Add(VerbArgs[i]);
            }

            return words;
        }
    }

    private static int Usage(int code, string? problem = null)
    {
        var text = """
            Usage: dotnet run --project src/CollabBot -- <verb> [...]

              serve (default)                            run the service
              say "<command line>" [--as <identity>] [--channel <id>]
                                                         run one command on the console platform and print the reply
              migrate                                    apply database migrations and exit
              seed [<file>]                              load seed data (default: the files in seeds/); loading twice changes nothing
              manifest slack | manifest discord          print the Slack app manifest (YAML) or the Discord command JSON
              register discord [--guild <id>]            register the Discord commands
              export authors <project> --format F [-o FILE] [--order alpha|contribution] [--min-degree D]
                                                         write an author list (to standard output without -o)
              backup <file>                              a consistent copy of the database while the service runs

            Any verb also takes the host's arguments: --urls URL, --environment NAME, --contentRoot DIR, and
            configuration as --Section:Key=value or --Section:Key value, e.g. --ConnectionStrings:CollabBot "Data Source=demo.db".
            """;
        if (problem is not null)
        {
            System.Console.Error.WriteLine(problem);
        }

        (code == 0 ? System.Console.Out : System.Console.Error).WriteLine(text);
        return code;
    }
}
