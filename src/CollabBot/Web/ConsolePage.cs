using CollabBot.Console;
using CollabBot.Core.Commands;
using CollabBot.Core.Values;
using CollabBot.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace CollabBot.Web;

/// <summary>The local console (<c>/console</c>): type any command as a chosen console identity. Only when Console:Enabled.</summary>
public static class ConsolePage
{
    public static void MapConsole(this WebApplication app)
    {
        // ?as= and ?line= prefill the form, so other pages can link to a command ("Try it in the console").
        app.MapGet("/console", (HttpContext http, IOptions<ConsoleOptions> options, IAntiforgery antiforgery, string? @as, string? line) =>
            options.Value.Enabled
                ? Html.Page("Console", Form(http, antiforgery, @as ?? "console:amara", line ?? "/wg list", null))
                : Disabled());

        app.MapPost("/console", async (HttpContext http, IOptions<ConsoleOptions> options, IAntiforgery antiforgery, ConsolePlatform console, CancellationToken cancellationToken) =>
        {
            if (!options.Value.Enabled)
            {
                return Disabled();
            }

            // This handler reads the form itself, so minimal APIs add no antiforgery metadata and UseAntiforgery
            // checks nothing: without this, any site could make a visitor's browser run commands here.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Html.Page("Console", "<h1>Console</h1><p>Nothing was run: this form did not come from the console page, or it has expired. <a href=\"/console\">Open the console again</a>.</p>", 400);
            }

            var form = await http.Request.ReadFormAsync(cancellationToken);
            var identity = form["as"].ToString().Trim();
            var line = form["line"].ToString();
            var channel = form["channel"].ToString().Trim();
            string result;
            if (!IdentityKey.IsValid(identity))
            {
                result = Html.Reply(Core.Replies.Reply.Invalid($"'{identity}' is not an identity. Use console:<name> (e.g. console:amara), slack:T…:U… or discord:<id>."));
            }
            else
            {
                var reply = await console.SayAsync(line, identity, channel.Length > 0 ? channel : null, cancellationToken);
                result = Html.Reply(reply);
            }

            return Html.Page("Console", Form(http, antiforgery, identity, line, result, channel));
        });

    }

    private static IResult Disabled() => Html.Page("Console", "<h1>Console</h1><p>The local console is turned off here. Set <code>Console:Enabled</code> to true to use it, or run commands with the <code>say</code> verb.</p>", 404);

    private static string Form(HttpContext http, IAntiforgery antiforgery, string identity, string line, string? result, string channel = "")
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var examples = string.Join("", new[] { "/collab help", "/wg list", "/wg info calorimetry", "/wg members jet-tagging", "/wg join tracking", "/profile show", "/collab whoami" }
            .Select(e => $"<li><code>{Html.E(e)}</code></li>"));
        return $"""
            <h1>Console</h1>
            <p>Run any command as a console identity, exactly as it would run from Slack or Discord. The demo people are
            <code>console:amara</code>, <code>console:jonas</code>, <code>console:priya</code> …; <code>console:admin</code> is an admin.</p>
            <form method="post" action="/console" class="console">
              <input type="hidden" name="{Html.E(tokens.FormFieldName)}" value="{Html.E(tokens.RequestToken)}">
              <label for="as">As</label>
              <input id="as" name="as" value="{Html.E(identity)}" autocomplete="off" required>
              <label for="channel">Channel (optional)</label>
              <input id="channel" name="channel" value="{Html.E(channel)}" autocomplete="off" placeholder="e.g. wg-calorimetry">
              <label for="line">Command</label>
              <input id="line" name="line" value="{Html.E(line)}" autocomplete="off" autofocus required>
              <button type="submit">Run</button>
            </form>
            {result ?? ""}
            <h2>Try</h2>
            <ul class="examples">{examples}</ul>
            """;
    }
}
