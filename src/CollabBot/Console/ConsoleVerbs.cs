using CollabBot.Core.Authors;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Features.Resources;
using CollabBot.Core.Resources.Formats;
using CollabBot.Core.Seeding;
using CollabBot.Core.Settings;
using CollabBot.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Console;

/// <summary>The verbs that run once and exit: say, migrate, seed, manifest, register, export, import.</summary>
public static class ConsoleVerbs
{
    public static async Task<int> SayAsync(Verb verb)
    {
        var words = verb.Words;
        if (words.Count != 1)
        {
            await System.Console.Error.WriteLineAsync("Usage: say \"<command line>\" [--as <identity>] [--channel <id>]   e.g. say \"/wg list\" --as console:alice");
            return 2;
        }

        var identity = verb.Option("as") ?? $"console:{ConsolePlatform.OsUser()}";
        if (!ConsolePlatform.IsIdentity(identity))
        {
            await System.Console.Error.WriteLineAsync($"--as must be an identity such as console:alice, slack:T0001:U0001 or discord:80351110224678912, not '{identity}'.");
            return 2;
        }

        using var host = BuildHost(verb);

        // Until the command runs, the database (the migrations check and EF's first-use work) and the command machinery
        // (catalog, handlers, dispatcher) do not depend on each other: a one-shot say does them side by side.
        var preparing = Task.Run(() => PrepareDatabaseForSayAsync(host.Services));
        var console = host.Services.GetRequiredService<ConsolePlatform>();
        await preparing;
        var reply = await console.SayAsync(words[0], identity, verb.Option("channel"));
        System.Console.WriteLine(reply.Plain);

        // The service scores challenge submissions in the background; say has no background, so it finishes that work
        // before it exits (the next say sees the scores on the board and in /challenge mine).
        await host.Services.GetRequiredService<Core.Features.Challenges.ChallengeScoring>().ScoreQueuedAsync();
        return reply.IsError ? 1 : 0;
    }

    /// <summary>
    /// The database check (migrating and seeding a new database), and beside it what the command's first query would
    /// otherwise build: the relational model (every entity's tables and columns), which EF derives from the compiled
    /// model at run time. Both start once EF's services and the model exist, so that they are not built twice.
    /// </summary>
    private static async Task PrepareDatabaseForSayAsync(IServiceProvider services)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            _ = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>().Model;
        }

        var relational = Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            _ = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>().Model.GetRelationalModel();
        });
        try
        {
            await services.PrepareDatabaseAsync(seedOnFirstStart: true);
        }
        finally
        {
            // Also when the database cannot be used: nothing is left running while the host is disposed.
            await relational;
        }
    }

    public static async Task<int> MigrateAsync(Verb verb)
    {
        using var host = BuildHost(verb);
        await host.Services.PrepareDatabaseAsync(seedOnFirstStart: false);
        System.Console.WriteLine("Database migrated.");
        return 0;
    }

    public static async Task<int> SeedAsync(Verb verb)
    {
        using var host = BuildHost(verb);
        await host.Services.PrepareDatabaseAsync(seedOnFirstStart: false);
        var files = verb.Words.Count > 0 ? verb.Words.ToList() : SeedFiles.Default();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var result = await SeedLoader.LoadFilesAsync(db, files);
        System.Console.WriteLine($"Seed loaded from {files.Count} file(s): {result.Groups} new groups, {result.People} new people, {result.Memberships} new memberships, {result.Channels} new channel links, {result.Meetings} new meeting series, {result.Talks} new talks, {result.Projects} new projects, {result.Contributions} new contributions, {result.Datasets} new datasets, {result.Versions} new dataset versions, {result.Resources} new resources, {result.StartHerePaths} new start-here paths.");
        return 0;
    }

    /// <summary>
    /// <c>import resources &lt;file&gt; [--wg G] [--format bibtex|csv]</c>: the same importer as <c>/resource import</c>;
    /// duplicates (address, arXiv id, DOI) are recognised, so importing twice changes nothing; each malformed entry is
    /// reported with its line and the rest imported.
    /// </summary>
    public static async Task<int> ImportAsync(Verb verb)
    {
        const string usage = "Usage: import resources <file> [--wg <group>] [--format bibtex|csv]";
        var words = verb.Words;
        if (words.Count != 2 || !words[0].Equals("resources", StringComparison.OrdinalIgnoreCase))
        {
            await System.Console.Error.WriteLineAsync(usage);
            return 2;
        }

        var path = words[1];
        ImportFormat format;
        switch (verb.Option("format")?.ToLowerInvariant())
        {
            case null when ResourceImporter.TryFormatFromFileName(path, out format):
                break;
            case null:
                await System.Console.Error.WriteLineAsync($"The format of '{path}' is not clear from its name (.bib, .bibtex or .csv): add --format bibtex or --format csv.");
                return 2;
            case "bibtex" or "bib":
                format = ImportFormat.BibTeX;
                break;
            case "csv":
                format = ImportFormat.Csv;
                break;
            default:
                await System.Console.Error.WriteLineAsync($"'{verb.Option("format")}' is not a format: use bibtex or csv. {usage}");
                return 2;
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            await System.Console.Error.WriteLineAsync($"There is no file '{path}'.");
            return 1;
        }

        if (file.Length > ResourceImport.MaxBytes)
        {
            await System.Console.Error.WriteLineAsync($"'{path}' is larger than {ResourceImport.MaxBytes / (1024 * 1024)} MB; split it and import the parts.");
            return 1;
        }

        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(await File.ReadAllBytesAsync(path)).TrimStart('\uFEFF');
        }
        catch (System.Text.DecoderFallbackException)
        {
            await System.Console.Error.WriteLineAsync($"'{path}' is not UTF-8 text; save it as UTF-8 and try again.");
            return 1;
        }

        using var host = BuildHost(verb);
        await host.Services.PrepareDatabaseAsync(seedOnFirstStart: false);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        db.Actor = new AuditActor("import:" + file.Name, "console", "import resources " + file.Name);
        var group = verb.Option("wg")?.Trim().ToLowerInvariant();
        var report = await new ResourceImporter(db).ImportAsync(text, format, new ImportOptions(group is null ? [] : [group], null));
        if (report.Problems.FirstOrDefault(p => p.Line == 0) is { } fatal)
        {
            await System.Console.Error.WriteLineAsync(fatal.Message);
            return 1;
        }

        await db.SaveChangesAsync();
        System.Console.WriteLine(ResourceImportReport.Build(report, file.Name, group).Plain);
        return 0;
    }

    /// <summary><c>export authors &lt;project&gt; --format F [-o FILE]</c>: the same author list as the download and /credit authors.</summary>
    public static async Task<int> ExportAsync(Verb verb)
    {
        const string usage = "Usage: export authors <project> --format text|markdown|latex|revtex|inspire|cff|zenodo|csv|json|credit [-o FILE] [--order alpha|contribution] [--min-degree lead|equal|supporting]";
        var words = verb.Words;
        if (words.Count != 2 || !words[0].Equals("authors", StringComparison.OrdinalIgnoreCase))
        {
            await System.Console.Error.WriteLineAsync(usage);
            return 2;
        }

        var format = AuthorFormats.ByName(verb.Option("format") ?? "text");
        if (format is null)
        {
            await System.Console.Error.WriteLineAsync($"'{verb.Option("format")}' is not a format. {usage}");
            return 2;
        }

        if (!AuthorDownloads.TryParseOptions(verb.Option("order"), verb.Option("min-degree"), out var options, out var error))
        {
            await System.Console.Error.WriteLineAsync($"{error} {usage}");
            return 2;
        }

        using var host = BuildHost(verb);
        await host.Services.PrepareDatabaseAsync(seedOnFirstStart: true);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var bot = scope.ServiceProvider.GetRequiredService<IOptions<Core.BotOptions>>().Value;
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var slug = words[1].ToLowerInvariant();
        var list = await new AuthorListQuery(db).LoadAsync(slug, options, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (list is null)
        {
            var suggestion = Core.Values.Suggest.DidYouMean(slug, await db.Projects.Select(p => p.Slug).ToListAsync());
            await System.Console.Error.WriteLineAsync($"There is no project '{slug}'{suggestion}.");
            return 1;
        }

        list = list with { Project = list.Project with { Url = bot.Link($"/projects/{list.Project.Slug}") } };
        var rendered = AuthorFormats.Render(format.Format, list);
        var output = verb.ShortOption('o', "output");
        if (output is null)
        {
            System.Console.Out.Write(rendered.Content);
        }
        else
        {
            await File.WriteAllTextAsync(output, rendered.Content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await System.Console.Error.WriteLineAsync($"Wrote {list.Authors.Count} authors of {list.Project.Slug} ({format.Name}) to {output}.");
        }

        foreach (var warning in rendered.Warnings)
        {
            await System.Console.Error.WriteLineAsync("Note: " + warning);
        }

        return 0;
    }

    public static Task<int> ManifestAsync(Verb verb)
    {
        var which = verb.Words.FirstOrDefault()?.ToLowerInvariant();
        var catalog = CommandCatalog.Default;
        switch (which)
        {
            case "slack":
                System.Console.Write(Slack.SlackManifest.Build(catalog, verb.Option("url") ?? "http://127.0.0.1:5080"));
                return Task.FromResult(0);
            case "discord":
                System.Console.WriteLine(Discord.DiscordCommands.BuildJson(catalog));
                return Task.FromResult(0);
            default:
                System.Console.Error.WriteLine("Usage: manifest slack [--url https://your.host] | manifest discord");
                return Task.FromResult(2);
        }
    }

    /// <summary><c>register discord [--guild &lt;id&gt;]</c>: bulk-overwrites the Discord commands built from commands/.</summary>
    public static async Task<int> RegisterAsync(Verb verb)
    {
        if (verb.Words.FirstOrDefault()?.ToLowerInvariant() != "discord")
        {
            await System.Console.Error.WriteLineAsync("Usage: register discord [--guild <id>]");
            return 2;
        }

        using var host = BuildHost(verb);
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Discord.DiscordOptions>>().Value;
        if (!options.CanRegister)
        {
            await System.Console.Error.WriteLineAsync("Set Discord:ApplicationId and Discord:BotToken first (for example as the environment variables Discord__ApplicationId and Discord__BotToken).");
            return 2;
        }

        var rest = host.Services.GetRequiredService<Discord.DiscordRestClient>();
        var commands = Discord.DiscordCommands.Build(CommandCatalog.Default);
        var guild = verb.Option("guild");
        try
        {
            var result = guild is null
                ? await rest.BulkOverwriteGlobalCommandsAsync(options.ApplicationId!, commands)
                : await rest.BulkOverwriteGuildCommandsAsync(options.ApplicationId!, guild, commands);
            var count = (result as System.Text.Json.Nodes.JsonArray)?.Count ?? commands.Count;
            System.Console.WriteLine(guild is null
                ? $"Registered {count} global commands (they may take a moment to appear)."
                : $"Registered {count} commands in guild {guild} (available now).");
            return 0;
        }
        catch (Exception ex) when (ex is Discord.DiscordApiException or HttpRequestException or TaskCanceledException)
        {
            await System.Console.Error.WriteLineAsync($"Discord did not accept the commands: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// <c>backup &lt;file&gt;</c>: a consistent copy of the SQLite database, taken with SQLite's online backup while
    /// the service keeps running. PostgreSQL deployments use pg_dump (see the README).
    /// </summary>
    public static async Task<int> BackupAsync(Verb verb)
    {
        if (verb.Words.Count != 1)
        {
            await System.Console.Error.WriteLineAsync("Usage: backup <file>   e.g. backup /var/backups/collabbot-2026-11-25.db");
            return 2;
        }

        using var host = BuildHost(verb);
        var database = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.Kind != DatabaseProvider.Sqlite)
        {
            await System.Console.Error.WriteLineAsync("backup copies SQLite databases. For PostgreSQL use pg_dump, e.g. pg_dump --format=custom --file=collabbot.dump \"$CONNECTION\" (see the README's Operations section).");
            return 2;
        }

        var target = Path.GetFullPath(verb.Words[0]);
        if (File.Exists(target))
        {
            await System.Console.Error.WriteLineAsync($"{target} already exists; backup never overwrites a file. Choose a new name.");
            return 2;
        }

        await using var from = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        await from.OpenAsync();
        await using var to = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString);
        await to.OpenAsync();
        from.BackupDatabase(to);
        System.Console.WriteLine($"Backed up the database to {target} ({new FileInfo(target).Length:N0} bytes).");
        return 0;
    }

    private static IHost BuildHost(Verb verb)
    {
        // A verb runs once and exits: no watchers on the settings files (hostBuilder:reloadConfigOnChange, as
        // DOTNET_hostBuilder__reloadConfigOnChange would set it), and nothing is started - no server, no scheduler,
        // no hosted service; the host is only built, for its configuration and services.
        var preset = new ConfigurationManager();
        preset.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = verb.HostArgs, ContentRootPath = verb.ContentRootPath, Configuration = preset });
        // A verb prints its answer; the service's routine logs would only get in the way.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning"), new("Logging:LogLevel:Microsoft", "Warning")]);

        // Read again after those defaults, so that --Logging:LogLevel:Default Information on the command line still wins.
        builder.Configuration.AddCommandLine(verb.HostArgs);
        builder.Services.AddCollabBotServices(builder.Configuration);
        builder.Services.AddSingleton<ConsolePlatform>();
        var host = builder.Build();
        host.Services.ValidateSettings();
        return host;
    }
}
