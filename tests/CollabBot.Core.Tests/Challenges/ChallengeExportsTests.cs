using CollabBot.Core.Domain;
using CollabBot.Core.Features.Challenges;

namespace CollabBot.Core.Tests.Challenges;

/// <summary>Board files from a board built in memory: hostile method and team names stay data in every format, infinity is written, private scores only once closed.</summary>
public sealed class ChallengeExportsTests
{
    private static Challenge Challenge(ChallengeState state) => new()
    {
        Id = 1,
        Slug = "tagging",
        Title = "Tagging & friends",
        Metrics = "rejection@0.3",
        Seed = [1],
        State = state,
        Dataset = new Dataset { Slug = "calo", Title = "Calo_set {v2}", Group = new WorkingGroup { Slug = "calorimetry", Name = "Calorimetry" } },
        Baselines = [new ChallengeBaseline { Id = 1, Score = 10, Method = "cut | depth" }],
        Target = 50,
    };

    private static ChallengeSubmission Submission(int id, string person, string? method, double publicScore, double privateScore) => new()
    {
        Id = id,
        PersonId = id,
        Person = new Person { Id = id, DisplayName = person },
        State = SubmissionState.Scored,
        PublicScore = publicScore,
        PrivateScore = privateScore,
        Method = method,
        Source = "test",
        FileSha256 = "",
        CreatedAt = new DateTimeOffset(2026, 12, 1, 10, id, 0, TimeSpan.Zero),
    };

    private static ChallengeBoard Board(ChallengeState state) =>
        ChallengeBoard.Compute(Challenge(state),
        [
            Submission(1, "=HYPERLINK(\"http://evil\")", "\\input{/etc/passwd} $x$ 100%", 12.5, 11.25),
            Submission(2, "Ann | Bob", "**bold** <b>", double.PositiveInfinity, 13.0),
        ], ChallengeBoard.DefaultPart(Challenge(state)));

    [Fact]
    public void Csv_FormulaLikeNamesAreNeutralisedAndInfinityIsWritten()
    {
        var csv = ChallengeExports.Csv(Board(ChallengeState.Open));

        var lines = csv.Split("\r\n");
        Assert.StartsWith("1,Ann | Bob,no,inf,rejection@0.3,public,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2,\"'=HYPERLINK(\"\"http://evil\"\")\",no,12.5,", lines[2], StringComparison.Ordinal);
        Assert.Contains("baseline: cut | depth", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("11.25", csv, StringComparison.Ordinal); // the private score, while open
    }

    [Fact]
    public void Markdown_PipesAndMarkupAreEscaped()
    {
        var md = ChallengeExports.Markdown(Board(ChallengeState.Open));

        Assert.Contains("| 1 | Ann \\| Bob | inf | \\*\\*bold\\*\\* \\<b\\> |", md, StringComparison.Ordinal);
        Assert.Contains("| — | baseline | 10 | cut \\| depth |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Latex_SpecialsAreEscapedAndTheDatasetIsCited()
    {
        var tex = ChallengeExports.Latex(Board(ChallengeState.Closed), "@misc{calo-v2,\n  title = {Calo}\n}\n");

        Assert.DoesNotContain("\\input{/etc/passwd}", tex, StringComparison.Ordinal);
        Assert.Contains("\\$x\\$ 100\\%", tex, StringComparison.Ordinal);
        Assert.Contains("\\cite{calo-v2}", tex, StringComparison.Ordinal);
        Assert.Contains("Tagging \\& friends", tex, StringComparison.Ordinal);
        Assert.Contains("@misc{calo-v2,", tex, StringComparison.Ordinal);

        // Closed: the private part ranks (13 beats 11.25).
        Assert.Matches(@"\n1 & Ann [^&]*Bob & ", tex);
        Assert.Contains("& 13 &", tex, StringComparison.Ordinal);
    }
}
