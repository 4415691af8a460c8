using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge truth</c>: downloads the hidden truth from <c>--url</c> under the download rules and stores it (<see cref="ChallengeTruths"/>).</summary>
[Command("challenge truth")]
public sealed class ChallengeTruthCommand(SafeDownloader downloader, ChallengeTruths truths) : CommandHandler<ChallengeTruthCommand.Args>
{
    public sealed record Args(string? Url);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        if (args.Url is null)
        {
            return Reply.Invalid($"Give the truth file's address with --url (a CSV with the header id,label), or attach the file to /challenge truth {challenge.Slug}.", context.Usage);
        }

        var (result, body) = await downloader.GetBytesAsync(new DownloadRequest(new Uri(args.Url)), cancellationToken);
        if (!result.IsSuccess)
        {
            return Reply.Invalid($"The truth was not stored: {result.Error}");
        }

        using var file = new MemoryStream(body, writable: false);
        return await truths.UploadAsync(context.Db, challenge, context.Caller, file, context.Now, cancellationToken);
    }
}
