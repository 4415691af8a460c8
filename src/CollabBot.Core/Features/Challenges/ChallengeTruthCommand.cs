using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Features.Challenges;

/// <summary>
/// <c>/challenge truth</c>: the hidden truth, attached to the command (a Discord attachment, a file shared in Slack with
/// the command as its message) or by <c>--url</c>, fetched under the download rules and stored (<see cref="ChallengeTruths"/>).
/// The file is fetched before the command's transaction; only storing it runs inside.
/// </summary>
[Command("challenge truth")]
public sealed class ChallengeTruthCommand(SafeDownloader downloader, ChallengeTruths truths, IOptionsMonitor<ChallengesOptions> options) : FetchFirstHandler<ChallengeTruthCommand.Args, FetchedFile>
{
    public sealed record Args(string? Url, IncomingFile? File);

    public override async Task<Fetched<FetchedFile>> FetchAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        if (args.Url is not null && args.File is not null)
        {
            return Reply.Invalid("Send one truth file: attach it, or give --url, not both.", context.Usage);
        }

        var incoming = args.File ?? (args.Url is { } url ? IncomingFile.FromUrl(new Uri(url), downloader) : null);
        if (incoming is null)
        {
            return Reply.Invalid($"Attach the truth file (a CSV with the header id,label) to /challenge truth {challenge.Slug} (on Slack, share it in a direct message to the bot with the command as its message), or give its address with --url.", context.Usage);
        }

        var file = await FetchedFile.FetchAsync(incoming, options.CurrentValue.MaxUploadBytes, cancellationToken);
        if (!file.IsOpen)
        {
            await file.DisposeAsync();
            return Reply.Invalid($"The truth was not stored: {file.Error}");
        }

        return file;
    }

    public override async Task<Reply> HandleAsync(Args args, FetchedFile fetched, CommandContext context, CancellationToken cancellationToken)
    {
        await using var content = fetched.Read();
        return await truths.UploadAsync(context.Db, context.Ref<Challenge>(), context.Caller, content, context.Now, cancellationToken);
    }
}
