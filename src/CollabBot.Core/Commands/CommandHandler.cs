using CollabBot.Core.Replies;

namespace CollabBot.Core.Commands;

/// <summary>Names the subcommand a handler serves, by its words in <c>commands/</c>: <c>[Command("wg convener add")]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CommandAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}

/// <summary>One subcommand's handler, untyped, as the dispatcher sees it.</summary>
public interface ICommandHandler
{
    Task<Reply> HandleAsync(object args, CommandContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Base of every handler: a sealed class per subcommand with a nested <c>record Args</c> whose
/// parameters are the subcommand's args and options (kebab-case names become PascalCase).
/// </summary>
public abstract class CommandHandler<TArgs> : ICommandHandler
    where TArgs : class
{
    public Task<Reply> HandleAsync(object args, CommandContext context, CancellationToken cancellationToken) =>
        HandleAsync((TArgs)args, context, cancellationToken);

    public abstract Task<Reply> HandleAsync(TArgs args, CommandContext context, CancellationToken cancellationToken);
}

/// <summary>For subcommands without arguments.</summary>
public sealed record NoArgs;
