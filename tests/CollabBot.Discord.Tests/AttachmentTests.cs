using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Commands;
using CollabBot.Core.Downloads;
using CollabBot.Discord.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>
/// The <c>attachment</c> option type on Discord: registered as type 11, and an interaction's attachment (its id in
/// the option, its file in <c>data.resolved.attachments</c>) handed to the core as an incoming file fetched from
/// the CDN address without the bot token.
/// </summary>
public sealed class AttachmentTests
{
    private const string Yaml = """
        name: probe
        description: A command that takes a file
        subcommands:
          - name: send
            description: Send a file
            who: anyone
            kind: change
            args:
              - { name: target, type: slug, description: Where it goes }
            options:
              - { name: file, type: attachment, description: The file }
              - { name: url, type: url, description: Or its address }
        """;

    private static readonly CommandCatalog Catalog = new([CommandCatalog.Parse(Yaml, "probe.yaml")]);

    private static readonly DiscordUser Sender = new("200000000000000401", "sender", "File Sender");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Registration_AttachmentOption_IsType11AndOptional()
    {
        var json = DiscordCommands.Build(Catalog);

        var options = json[0]!["options"]![0]!["options"]!.AsArray();
        var file = options.Single(o => o!["name"]!.GetValue<string>() == "file")!;
        Assert.Equal(11, file["type"]!.GetValue<int>());
        Assert.False(file["required"]!.GetValue<bool>());
        Assert.Null(file["autocomplete"]);
    }

    [Fact]
    public async Task Interaction_WithAttachment_IsAnIncomingFileFetchedFromTheCdnWithoutTheBotToken()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var content = Encoding.UTF8.GetBytes("id,score\na,0.9\nb,0.1\n");
        var url = fake.AddAttachment("1300000000000000001", "predictions.csv", content);
        using var downloader = Downloader(maxBytes: 1000);

        var parsed = InteractionMapper.Map(Catalog, WithAttachment(url, content.Length), Sender.Identity, downloader);

        var bag = Assert.IsType<ParseResult.Parsed>(parsed).Arguments;
        var file = Assert.IsType<RemoteFile>(bag["file"]);
        Assert.Equal("predictions.csv", file.Name);
        Assert.Equal(content.Length, file.Size);
        Assert.Null(file.Credential);
        await using var opened = await file.OpenAsync(1000, Ct);
        Assert.True(opened.IsOpen, opened.Error);
        using var copy = new MemoryStream();
        await opened.Stream!.CopyToAsync(copy, Ct);
        Assert.Equal(content, copy.ToArray());
        var fetched = Assert.Single(fake.Requests, r => r.Path.StartsWith("attachments/", StringComparison.Ordinal));
        Assert.Null(fetched.Header("Authorization"));
        Assert.DoesNotContain(fetched.Headers.Values, v => v.Contains(FakeDiscord.BotToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Interaction_AttachmentLargerThanTheLimit_IsRefusedBeforeFetching()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var content = new byte[2048];
        var url = fake.AddAttachment("1300000000000000002", "big.csv", content);
        using var downloader = Downloader(maxBytes: 1000);
        var file = Assert.IsType<RemoteFile>(Assert.IsType<ParseResult.Parsed>(InteractionMapper.Map(Catalog, WithAttachment(url, content.Length), Sender.Identity, downloader)).Arguments["file"]);

        await using var declared = await file.OpenAsync(1000, Ct);

        Assert.False(declared.IsOpen);
        Assert.Contains("limit of 1,000 bytes", declared.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Requests, r => r.Path.StartsWith("attachments/", StringComparison.Ordinal));

        // A size that understates the file is no way round the limit: the body is counted as it streams.
        var understated = Assert.IsType<RemoteFile>(Assert.IsType<ParseResult.Parsed>(InteractionMapper.Map(Catalog, WithAttachment(url, 10), Sender.Identity, downloader)).Arguments["file"]);
        await using var counted = await understated.OpenAsync(1000, Ct);
        Assert.False(counted.IsOpen);
        Assert.Contains("larger than the limit", counted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChallengeSubmit_WithAnAttachment_QueuesTheSubmissionFetchedWithoutTheBotToken()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake, new Dictionary<string, string?> { ["Challenges:DownloadHosts:0"] = "127.0.0.1" });
        var truth = Encoding.UTF8.GetBytes("id,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"ev{i:00},{(i % 3 == 0 ? 1 : 0)}\n")));
        var predictions = Encoding.UTF8.GetBytes("id,score\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"ev{i:00},{(i % 3 == 0 ? 0.8 : 0.3)}\n")));
        var truthUrl = fake.AddAttachment("1300000000000000100", "truth.csv", truth);
        foreach (var line in new[]
        {
            "/dataset register calorimetry calo-discord \"Calo Discord\" --repo collab-demo/calo-discord",
            "/challenge create calo-discord discord-tagging \"Tagging from Discord\" --metric auc",
            $"/challenge truth discord-tagging --url {truthUrl}",
            "/challenge open discord-tagging",
        })
        {
            var reply = await service.SayAsync("console:amara", line);
            Assert.False(reply.IsError, $"{line}: {reply.Plain}");
        }

        var url = fake.AddAttachment("1300000000000000101", "predictions.csv", predictions);
        var interaction = WithAttachment(url, predictions.Length, "challenge submit", String("challenge", "discord-tagging"), String("method", "GNN"));

        var response = await service.InteractAsync(interaction);
        await service.Processor.Background.WhenIdleAsync();

        Assert.Contains(response["type"]!.GetValue<int>(), new[] { InteractionProcessor.ChannelMessage, InteractionProcessor.Deferred });
        var submission = await service.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ChallengeSubmissions, s => s.Challenge.Slug == "discord-tagging", Ct));
        Assert.Equal("discord-attachment", submission.Source);
        Assert.Equal("GNN", submission.Method);
        Assert.Equal(predictions.Length, submission.FileBytes);
        var fetched = fake.Requests.Where(r => r.Path.StartsWith("attachments/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, fetched.Count);
        Assert.All(fetched, r => Assert.Null(r.Header("Authorization")));
        Assert.DoesNotContain(fetched, r => r.Headers.Values.Any(v => v.Contains(FakeDiscord.BotToken, StringComparison.Ordinal)));
    }

    [Fact]
    public void Interaction_AttachmentMissingFromResolved_IsASentence()
    {
        var interaction = WithAttachment(new Uri("https://cdn.discordapp.com/attachments/1/2/x.csv"), 10);
        interaction["data"]!["resolved"] = new JsonObject();
        using var downloader = Downloader(maxBytes: 1000);

        var parsed = InteractionMapper.Map(Catalog, interaction, Sender.Identity, downloader);

        Assert.Contains("attach it again", Assert.IsType<ParseResult.Error>(parsed).Message, StringComparison.Ordinal);
    }

    private static JsonObject WithAttachment(Uri url, long size) => WithAttachment(url, size, "probe send", String("target", "jets"));

    private static JsonObject WithAttachment(Uri url, long size, string path, params JsonObject[] options)
    {
        const string id = "1300000000000000009";
        var interaction = Command(path, Sender, [.. options, new JsonObject { ["type"] = DiscordCommands.AttachmentType, ["name"] = "file", ["value"] = id }], resolved: null);
        interaction["data"]!["resolved"] = new JsonObject
        {
            ["attachments"] = new JsonObject
            {
                [id] = new JsonObject
                {
                    ["id"] = id,
                    ["filename"] = url.Segments[^1],
                    ["size"] = size,
                    ["url"] = url.ToString(),
                    ["proxy_url"] = url.ToString(),
                    ["content_type"] = "text/csv; charset=utf-8",
                    ["ephemeral"] = true,
                },
            },
        };
        return interaction;
    }

    private static SafeDownloader Downloader(long maxBytes) =>
        new(new Monitor(new ChallengesOptions { MaxUploadBytes = maxBytes, DownloadHosts = ["127.0.0.1"] }), TimeProvider.System, NullLogger<SafeDownloader>.Instance);

    private sealed class Monitor(ChallengesOptions value) : IOptionsMonitor<ChallengesOptions>
    {
        public ChallengesOptions CurrentValue => value;

        public ChallengesOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ChallengesOptions, string?> listener) => null;
    }
}
