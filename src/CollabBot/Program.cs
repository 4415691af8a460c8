using CollabBot.Hosting;

// `dotnet run --project src/CollabBot -- <verb>`: serve (default), say, migrate, seed, manifest, export, backup.
var verb = Verb.Parse(args);
if (verb.Name != "serve")
{
    return await verb.RunAsync();
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = verb.HostArgs, ContentRootPath = verb.ContentRootPath });
builder.AddCollabBot();

var app = builder.Build();
await app.Services.PrepareDatabaseAsync(seedOnFirstStart: true);
app.MapCollabBot();
app.LogConnectedPlatforms();
await app.RunAsync();
return 0;

/// <summary>Exposed so integration tests can start the real host with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
