using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Seeding;
using CollabBot.Hosting;

namespace CollabBot.Console;

/// <summary>The verbs that run once and exit: say, migrate, seed, manifest.</summary>
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
        await host.Services.PrepareDatabaseAsync(seedOnFirstStart: true);
        var console = host.Services.GetRequiredService<ConsolePlatform>();
        var reply = await console.SayAsync(words[0], identity, verb.Option("channel"));
        System.Console.WriteLine(reply.Plain);
        return reply.IsError ? 1 : 0;
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
        System.Console.WriteLine($"Seed loaded from {files.Count} file(s): {result.Groups} new groups, {result.People} new people, {result.Memberships} new memberships, {result.Channels} new channel links, {result.Datasets} new datasets, {result.Versions} new dataset versions.");
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
        if (string.IsNullOrWhiteSpace(options.ApplicationId) || string.IsNullOrWhiteSpace(options.BotToken))
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
                ? await rest.BulkOverwriteGlobalCommandsAsync(options.ApplicationId, commands)
                : await rest.BulkOverwriteGuildCommandsAsync(options.ApplicationId, guild, commands);
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

    private static IHost BuildHost(Verb verb)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = verb.HostArgs, ContentRootPath = AppContext.BaseDirectory });
        // A verb prints its answer; the service's routine logs would only get in the way.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning"), new("Logging:LogLevel:Microsoft", "Warning")]);
        builder.Services.AddCollabBotServices(builder.Configuration);
        builder.Services.AddSingleton<ConsolePlatform>();
        return builder.Build();
    }
}
