using System.Text;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources.Formats;

namespace CollabBot.Core.Features.Resources;

/// <summary>
/// Reads a BibTeX or CSV file from an address — under <see cref="SafeDownloader"/>'s rules (http(s) only, bounded,
/// private addresses refused unless listed, redirects checked) — and imports it with <see cref="ResourceImporter"/>.
/// The download is the fetch step, before the command's transaction; only the import runs inside it.
/// </summary>
[Command("resource import")]
public sealed class ResourceImport(SafeDownloader downloader) : FetchFirstHandler<ResourceImport.Args, ResourceImport.Downloaded>
{
    /// <summary>A library file is text: 10 MB holds tens of thousands of entries.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public sealed record Args(string Url, string? Format);

    /// <summary>The file's text and the format it is read in.</summary>
    public sealed record Downloaded(string Text, ImportFormat Format);

    public override async Task<Fetched<Downloaded>> FetchAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var url = new Uri(args.Url);
        ImportFormat format;
        if (args.Format is not null)
        {
            format = args.Format == "csv" ? ImportFormat.Csv : ImportFormat.BibTeX;
        }
        else if (!ResourceImporter.TryFormatFromFileName(url.AbsolutePath, out format))
        {
            return Reply.Invalid($"I cannot tell the format from the address: add --format bibtex or --format csv.", context.Usage);
        }

        using var body = new MemoryStream();
        var result = await downloader.DownloadAsync(new DownloadRequest(url) { MaxBytes = MaxBytes, Timeout = Timeout }, body, cancellationToken);
        if (!result.IsSuccess)
        {
            var why = result.Failure == DownloadFailure.TooLarge ? $"the file is larger than {MaxBytes / (1024 * 1024)} MB" : result.Error ?? "it could not be downloaded";
            return Reply.Invalid($"Nothing was imported from {ResourceLines.Clip(args.Url, 100)}: {why}.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body.GetBuffer(), 0, (int)body.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Reply.Invalid("Nothing was imported: the file is not UTF-8 text. Save it as UTF-8 and try again.");
        }

        return new Downloaded(text, format);
    }

    public override async Task<Reply> HandleAsync(Args args, Downloaded fetched, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.OptionalRef<WorkingGroup>();
        var report = await new ResourceImporter(context.Db).ImportAsync(fetched.Text, fetched.Format, new ImportOptions(group is null ? [] : [group.Slug], context.Caller.Id), cancellationToken);
        await context.Db.SaveChangesAsync(cancellationToken);
        return ResourceImportReport.Build(report, ResourceLines.Host(args.Url), group?.Slug);
    }
}
