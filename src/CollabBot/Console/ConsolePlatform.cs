using System.Text.RegularExpressions;
using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;

namespace CollabBot.Console;

/// <summary>The console platform: a typed line, as a chosen identity, in an optional channel. Used by <c>say</c> and <c>/console</c>.</summary>
public sealed partial class ConsolePlatform(Dispatcher dispatcher)
{
    public const string Tenant = "local";

    public Task<Reply> SayAsync(string line, string identity, string? channel, CancellationToken cancellationToken = default) =>
        dispatcher.DispatchTextAsync(Platform.Console, Tenant, channel, new Caller(identity, identity[(identity.LastIndexOf(':') + 1)..]), line, cancellationToken);

    public static bool IsIdentity(string text) => IdentityKey.IsValid(text);

    public static string OsUser()
    {
        var name = Environment.UserName.ToLowerInvariant();
        return ConsoleNameRegex().IsMatch(name) ? name : "user";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,39}$")]
    private static partial Regex ConsoleNameRegex();
}
