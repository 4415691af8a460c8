using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Commands;

/// <summary>
/// The one path every command takes, in plain code: parse → bind → identity → references and permission (<see cref="Permissions"/>) →
/// scope and transaction → handler → audit → commit. A handler that waits on GitHub or a download does that first, in its fetch
/// step outside the transaction (<see cref="FetchFirstHandler{TArgs, TFetched}"/>), so no write transaction waits on the world. Failures users cause come back as replies;
/// exceptions are bugs, logged here and turned into an apology.
/// </summary>
public sealed partial class Dispatcher(
    IServiceScopeFactory scopes,
    HandlerRegistry registry,
    ReferenceResolvers references,
    Outbox.OutboxSignal outboxSignal,
    Meetings.MeetingSignal meetingSignal,
    ReplyCache replies,
    WriteGate writes,
    IOptionsMonitor<BotOptions> options,
    TimeProvider clock,
    ILogger<Dispatcher> logger)
{
    private const int ConcurrencyAttempts = 3;

    public CommandCatalog Catalog { get; } = CommandCatalog.Default;

    /// <summary>Parses a typed line (<c>/wg join calorimetry</c>) and dispatches it.</summary>
    public Task<Reply> DispatchTextAsync(Platform platform, string tenant, string? channelId, Caller caller, string line, CancellationToken cancellationToken = default)
    {
        var result = TypedTextParser.ParseLine(Catalog, line, new ParseContext(platform, tenant, caller.Identity));
        return DispatchParsedAsync(result, platform, tenant, channelId, caller, line, cancellationToken);
    }

    /// <summary>Dispatches what the parser (or a platform's structured payload) produced.</summary>
    public Task<Reply> DispatchParsedAsync(ParseResult result, Platform platform, string tenant, string? channelId, Caller caller, string? text, CancellationToken cancellationToken = default) =>
        result switch
        {
            ParseResult.Parsed p => DispatchAsync(new Invocation(platform, tenant, channelId, caller, p.Command, p.Arguments, text), cancellationToken),
            ParseResult.Help h => Task.FromResult(HelpText.For(h.Command)),
            ParseResult.Error e => Task.FromResult(Unparsed(e, platform)),
            _ => throw new InvalidOperationException(result.GetType().Name),
        };

    public async Task<Reply> DispatchAsync(Invocation invocation, CancellationToken cancellationToken = default)
    {
        var started = clock.GetTimestamp();

        // The read model (issue 17): a cacheable read's reply is kept under the data version read before it was made.
        var cached = await replies.LookUpAsync(invocation, cancellationToken);
        var reply = cached.Hit?.Reply ?? await DispatchCoreAsync(invocation, cancellationToken);
        if (cached.Hit is null)
        {
            replies.Store(cached, reply);
        }

        Telemetry.CollabBotMetrics.Command(invocation.Command.Key, invocation.Platform.ToString().ToLowerInvariant(), reply.Status.ToString().ToLowerInvariant(), clock.GetElapsedTime(started));
        return reply;
    }

    /// <summary>
    /// The read model's reply for a parsed command, when it holds one for the current data version; null otherwise (then
    /// dispatch as usual). Lets a platform answer a cache hit at once, without the machinery a real run needs.
    /// </summary>
    public async ValueTask<ReplyCache.Entry?> CachedAsync(ParseResult result, Platform platform, string tenant, string? channelId, string callerIdentity, CancellationToken cancellationToken = default)
    {
        if (result is not ParseResult.Parsed parsed)
        {
            return null;
        }

        var started = clock.GetTimestamp();
        var found = await replies.LookUpAsync(new Invocation(platform, tenant, channelId, new Caller(callerIdentity), parsed.Command, parsed.Arguments), cancellationToken);
        if (found.Hit is { } hit)
        {
            Telemetry.CollabBotMetrics.Command(parsed.Command.Key, platform.ToString().ToLowerInvariant(), hit.Reply.Status.ToString().ToLowerInvariant(), clock.GetElapsedTime(started));
        }

        return found.Hit;
    }

    /// <summary>A line that did not parse (an unknown subcommand, a bad option) is answered at once, and counted like any command.</summary>
    private static Reply Unparsed(ParseResult.Error error, Platform platform)
    {
        var reply = Reply.Invalid(error.Message, error.Command?.Usage);
        Telemetry.CollabBotMetrics.Command(error.Command?.Key ?? "unknown", platform.ToString().ToLowerInvariant(), reply.Status.ToString().ToLowerInvariant(), TimeSpan.Zero);
        return reply;
    }

    private async Task<Reply> DispatchCoreAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var command = invocation.Command;
        try
        {
            var handlerType = registry.Find(command.Key);
            if (handlerType is null)
            {
                return Reply.Failed($"/{command.Key} is described but not available yet in this version of CollabBot.");
            }

            var bound = ArgumentBinder.Bind(command, invocation.Arguments, HandlerArgsType(handlerType));
            if (bound is ArgumentBinder.Result.Failed failed)
            {
                return failed.Reply;
            }

            var args = (ArgumentBinder.Result.Bound)bound;
            var isPublic = invocation.Arguments["public"] is true;
            await using var fetch = typeof(IFetchFirst).IsAssignableFrom(handlerType) ? new Fetch() : null;
            if (fetch is not null && await RunOnceAsync(invocation, handlerType, args, fetch, cancellationToken) is { } ended)
            {
                return isPublic && ended.Status == ReplyStatus.Ok ? ended.AsPublic() : ended;
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var reply = (await RunOnceAsync(invocation, handlerType, args, fetch, cancellationToken))!;
                    return isPublic && reply.Status == ReplyStatus.Ok ? reply.AsPublic() : reply;
                }
                catch (DbUpdateConcurrencyException) when (attempt < ConcurrencyAttempts)
                {
                    // Someone changed the same group or membership meanwhile: run again on fresh data, so no update is lost.
                    LogConcurrencyRetry(logger, command.Key, attempt);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return Reply.Failed("Someone else changed the same thing at the same moment. Nothing was saved; please try again.");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogCommandFailed(logger, ex, command.Key, invocation.Platform.ToString());
            return Reply.Failed($"Sorry, something went wrong on our side while running /{command.Key}. It has been logged; please try again in a moment.");
        }
    }

    private static Type HandlerArgsType(Type handlerType)
    {
        for (var t = handlerType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(CommandHandler<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        throw new InvalidOperationException($"{handlerType.Name} does not derive from CommandHandler<TArgs>");
    }

    /// <summary>
    /// One run of the command. For a handler with a fetch step (<see cref="FetchFirstHandler{TArgs, TFetched}"/>) the
    /// first run stops after that step, with no transaction open, and answers only when the step ended the command;
    /// later runs hand the fetched value to the handler inside the transaction.
    /// </summary>
    private async Task<Reply?> RunOnceAsync(Invocation invocation, Type handlerType, ArgumentBinder.Result.Bound args, Fetch? fetch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var bot = options.CurrentValue;
        var command = invocation.Command;
        db.Actor = new AuditActor(invocation.Caller.Identity, invocation.Platform.ToString().ToLowerInvariant(), Clip(invocation.CommandText ?? "/" + command.Key, 500));

        var writing = command.Kind == CommandKind.Change && fetch is not { Done: false };
        using var turn = writing ? await writes.EnterAsync(db, cancellationToken) : null;
        await using var transaction = writing ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var caller = await People.ResolveAsync(db, invocation.Caller, clock.GetUtcNow(), cancellationToken);
        if (caller.Id == 0)
        {
            // Save a first-seen caller at once, so handlers can always refer to the caller by id.
            await db.SaveChangesAsync(cancellationToken);
        }

        var isAdmin = bot.Admins.Contains(invocation.Caller.Identity, StringComparer.Ordinal);
        var context = new CommandContext(db, invocation, caller, isAdmin, bot, clock);

        var refusal = await Permissions.AuthorizeAsync(context, references, args.Values, cancellationToken);
        if (refusal is not null)
        {
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return refusal;
        }

        var handler = (ICommandHandler)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, handlerType);
        if (fetch is { Done: false })
        {
            // Nothing the fetch step changed is saved: the change step, in the transaction, records what it found.
            (fetch!.Value, var ended) = await ((IFetchFirst)handler).FetchAsync(args.Args, context, cancellationToken);
            fetch.Done = true;
            return ended;
        }

        context.FetchedValue = fetch?.Value;
        var reply = await handler.HandleAsync(args.Args, context, cancellationToken);

        if (reply.Status == ReplyStatus.Ok)
        {
            // The run ends with this save: if it fails, the whole transaction is rolled back (and the command run again
            // or answered), so EF's savepoint around it, kept for a transaction that goes on after a failed save, is not needed.
            db.Database.AutoSavepointsEnabled = false;
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            // A refused or invalid command changes nothing (the caller, saved above, is simply known now).
            DiscardChanges(db);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (reply.Status == ReplyStatus.Ok)
        {
            if (context.Outbox.Queued > 0)
            {
                outboxSignal.Pulse();
            }

            meetingSignal.Notify(context.Meetings.Ids);
        }

        return reply;
    }

    /// <summary>What a handler's fetch step found, kept across the change step's runs and disposed when the command ends.</summary>
    private sealed class Fetch : IAsyncDisposable
    {
        public bool Done { get; set; }

        public object? Value { get; set; }

        public ValueTask DisposeAsync() => Value switch
        {
            IAsyncDisposable d => d.DisposeAsync(),
            IDisposable d => Dispose(d),
            _ => ValueTask.CompletedTask,
        };

        private static ValueTask Dispose(IDisposable disposable)
        {
            disposable.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private static void DiscardChanges(CollabBotDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.State = EntityState.Detached;
                    break;
                case EntityState.Modified or EntityState.Deleted:
                    entry.CurrentValues.SetValues(entry.OriginalValues);
                    entry.State = EntityState.Unchanged;
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Command {Command} from {Platform} failed")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception, string command, string platform);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Command} met a concurrent change (attempt {Attempt}); running it again")]
    private static partial void LogConcurrencyRetry(ILogger logger, string command, int attempt);
}
