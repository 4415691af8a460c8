using CollabBot.Console;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;

namespace CollabBot.Web.Pages;

/// <summary>
/// The local console (<c>/console</c>): type any command as a console identity. It answers only where
/// <see cref="ConsoleAccess"/> says so; everywhere else it is a 404, as if it did not exist.
/// </summary>
public sealed partial class ConsolePage
{
    private static readonly string[] Examples = ["/collab help", "/wg list", "/wg info calorimetry", "/wg members jet-tagging", "/wg join tracking", "/profile show", "/collab whoami"];

    public enum Status
    {
        Form,

        /// <summary>The console is off, or does not answer this request.</summary>
        NotHere,

        /// <summary>A post without a valid antiforgery token: nothing was run.</summary>
        FormExpired,
    }

    /// <summary>The form's values (the antiforgery field among them) and the reply to what was run, if anything was.</summary>
    public sealed record View(Status State, string TokenField = "", string? Token = null, string Identity = "", string Line = "", string Channel = "", Reply? Reply = null);

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    /// <summary><c>?as=</c> and <c>?line=</c> prefill the form, so other pages can link to a command ("Try it in the console").</summary>
    public static IResult Get(HttpContext http, ConsoleAccess access, IAntiforgery antiforgery, string? @as, string? line) =>
        access.Answers(http) ? Form(http, antiforgery, @as ?? "console:amara", line ?? "/wg list", "", null) : NotHere();

    public static async Task<IResult> PostAsync(HttpContext http, ConsoleAccess access, IAntiforgery antiforgery, ConsolePlatform console, CancellationToken cancellationToken)
    {
        if (!access.Answers(http))
        {
            return NotHere();
        }

        // This handler reads the form itself, so minimal APIs add no antiforgery metadata and UseAntiforgery
        // checks nothing: without this, any site could make a visitor's browser run commands here.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Dashboard.Page<ConsolePage>(new { Model = new View(Status.FormExpired) }, StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var identity = form["as"].ToString().Trim();
        var line = form["line"].ToString();
        var channel = form["channel"].ToString().Trim();
        var reply = !IdentityKey.IsValid(identity)
            ? Reply.Invalid($"'{identity}' is not an identity. Use console:<name>, e.g. console:amara.")
            : !ConsoleAccess.IsConsoleIdentity(identity)
            ? Reply.Refused($"The console runs commands as console identities only, so nothing was run as {identity}: it does not speak for Slack or Discord users. Use console:<name>, e.g. console:amara.")
            : await console.SayAsync(line, identity, channel.Length > 0 ? channel : null, cancellationToken);
        return Form(http, antiforgery, identity, line, channel, reply);
    }

    private static IResult Form(HttpContext http, IAntiforgery antiforgery, string identity, string line, string channel, Reply? reply)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Dashboard.Page<ConsolePage>(new { Model = new View(Status.Form, tokens.FormFieldName, tokens.RequestToken, identity, line, channel, reply) });
    }

    /// <summary>A 404 that speaks to whoever reached it, not to the operator: the settings are in the README.</summary>
    private static IResult NotHere() => Dashboard.Page<ConsolePage>(new { Model = new View(Status.NotHere) }, StatusCodes.Status404NotFound);
}
