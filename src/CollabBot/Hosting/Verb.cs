using System.Data.Common;
using System.Globalization;
using CollabBot.Console;
using CollabBot.Core.Seeding;
using CollabBot.Core.Settings;

namespace CollabBot.Hosting;

/// <summary>
/// The program's verbs (interfaces.md): the first argument, when it is not an option, names one.
/// Everything after the verb's own arguments is passed on to configuration (<c>--Bot:PublicUrl=…</c>).
/// </summary>
public sealed class Verb
{
    private static readonly string[] Known = ["serve", "say", "migrate", "seed", "manifest", "register", "export", "backup", "help"];

    private Verb(string name, IReadOnlyList<string> verbArgs, string[] hostArgs)
    {
        Name = name;
        VerbArgs = verbArgs;
        HostArgs = hostArgs;
    }

    public string Name { get; }

    /// <summary>The verb's own words and options (<c>"/wg list" --as console:alice</c>).</summary>
    public IReadOnlyList<string> VerbArgs { get; }

    /// <summary>Arguments for the host's configuration.</summary>
    public string[] HostArgs { get; }

    public static Verb Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return new Verb("serve", [], args);
        }

        var name = args[0].ToLowerInvariant();
        var rest = args.Skip(1).ToList();

        // Configuration arguments are the ones written with a colon or double underscore in the key (--Bot:Admins:0=…).
        var hostArgs = rest.Where(IsConfigArg).ToArray();
        var verbArgs = rest.Where(a => !IsConfigArg(a)).ToList();
        return new Verb(name, verbArgs, hostArgs);
    }

    private static bool IsConfigArg(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal) &&
        arg[2..arg.IndexOf('=', StringComparison.Ordinal)] is var key && (key.Contains(':', StringComparison.Ordinal) || key.Contains("__", StringComparison.Ordinal));

    public async Task<int> RunAsync()
    {
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
                _ when Known.Contains(Name) => NotYet(),
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

    private int NotYet()
    {
        System.Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The '{Name}' verb is not available yet in this version of CollabBot."));
        return 2;
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

            Configuration keys may follow as --Section:Key=value, e.g. --ConnectionStrings:CollabBot="Data Source=demo.db".
            """;
        if (problem is not null)
        {
            System.Console.Error.WriteLine(problem);
        }

        (code == 0 ? System.Console.Out : System.Console.Error).WriteLine(text);
        return code;
    }
}
