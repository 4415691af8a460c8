using CollabBot.Core.Settings;
using CollabBot.Hosting;

// `dotnet run --project src/CollabBot -- <verb>`: serve (default), say, migrate, seed, manifest, export, backup.
var verb = Verb.Parse(args);
if (verb.Name != "serve")
{
    return await verb.RunAsync();
}

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = verb.HostArgs, ContentRootPath = verb.ContentRootPath });
    builder.AddCollabBot();

    var app = builder.Build();
    app.Services.ValidateSettings();
    await app.Services.PrepareDatabaseAsync(seedOnFirstStart: true);
    app.MapCollabBot();
    app.LogConnectedPlatforms();
    await app.RunAsync();
    return 0;
}
catch (SettingsException ex)
{
    // A setting that would be refused stops the start, before the database is touched: a sentence per problem, no stack trace.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

/// <summary>Exposed so integration tests can start the real host with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
