using CollabBot.Core.Replies;

namespace CollabBot.Core.Commands;

/// <summary>
/// What a command's fetch step (<see cref="FetchFirstHandler{TArgs, TFetched}"/>) found outside the database: the value
/// its change step saves, or a reply that ends the command there (a failure, or an answer with nothing to save).
/// </summary>
public sealed class Fetched<T>
{
    private Fetched(T? value, Reply? reply)
    {
        Value = value;
        Reply = reply;
    }

    public T? Value { get; }

    public Reply? Reply { get; }

    public static implicit operator Fetched<T>(T value) => new(value, null);

    public static implicit operator Fetched<T>(Reply reply) => new(default, reply);
}

/// <summary>The fetch step as the dispatcher sees it, untyped.</summary>
public interface IFetchFirst
{
    /// <summary>The fetched value (<see cref="CommandContext.FetchedValue"/> of the change step), or the reply that ends the command.</summary>
    Task<(object? Value, Reply? Reply)> FetchAsync(object args, CommandContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Base of a handler whose command waits on something outside the database — GitHub, a download, a link check. On
/// SQLite an open write transaction blocks every other writer, and on PostgreSQL it holds its row locks, so no command
/// may wait on the world inside one. The dispatcher runs <see cref="FetchAsync"/> first, with the references resolved
/// and permission granted but no transaction open (whatever it changes in the database is discarded), then opens the
/// transaction, resolves and checks again, and runs <see cref="HandleAsync(TArgs, TFetched, CommandContext, CancellationToken)"/>
/// with what was fetched: that step only saves. A concurrent change that makes the save run again reuses the fetched
/// value; the remote work is never repeated. A fetched value that is disposable is disposed when the command ends.
/// </summary>
public abstract class FetchFirstHandler<TArgs, TFetched> : CommandHandler<TArgs>, IFetchFirst
    where TArgs : class
{
    /// <summary>Outside any transaction: check what can be checked, then do the remote work.</summary>
    public abstract Task<Fetched<TFetched>> FetchAsync(TArgs args, CommandContext context, CancellationToken cancellationToken);

    /// <summary>Inside the command's transaction, with what <see cref="FetchAsync"/> returned: record it, without waiting on anything remote.</summary>
    public abstract Task<Reply> HandleAsync(TArgs args, TFetched fetched, CommandContext context, CancellationToken cancellationToken);

    public sealed override Task<Reply> HandleAsync(TArgs args, CommandContext context, CancellationToken cancellationToken) =>
        HandleAsync(args, (TFetched)context.FetchedValue!, context, cancellationToken);

    async Task<(object? Value, Reply? Reply)> IFetchFirst.FetchAsync(object args, CommandContext context, CancellationToken cancellationToken)
    {
        var fetched = await FetchAsync((TArgs)args, context, cancellationToken);
        return (fetched.Value, fetched.Reply);
    }
}
