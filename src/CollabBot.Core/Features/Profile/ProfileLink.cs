using System.Globalization;
using System.Security.Cryptography;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Features.Profile;

/// <summary>
/// <c>/profile link</c> gives a one-time code; <c>/profile link &lt;code&gt;</c> typed from another account joins the
/// two accounts' people into one. Holding both accounts is the proof, so any two identities may be linked,
/// including two of the same platform (one person in two Slack workspaces is common).
/// </summary>
[Command("profile link")]
public sealed class ProfileLink : CommandHandler<ProfileLink.Args>
{
    /// <summary>No 0/O, 1/I/L: a code is read on one screen and typed on another.</summary>
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const int CodeLength = 8;

    public sealed record Args(string? Code);

    public override Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken) =>
        args.Code is null ? IssueAsync(context, cancellationToken) : UseAsync(args.Code, context, cancellationToken);

    private static async Task<Reply> IssueAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Caller.Id == 0)
        {
            // The code names the person who asked; a first-time caller needs their row first.
            await context.Db.SaveChangesAsync(cancellationToken);
        }

        // Only the newest code of an identity works, so a code shown somewhere earlier cannot be used later.
        var earlier = await context.Db.LinkCodes
            .Where(c => c.IdentityKey == context.CallerIdentity && c.UsedAt == null && c.ExpiresAt > context.Now)
            .ToListAsync(cancellationToken);
        foreach (var old in earlier)
        {
            old.ExpiresAt = context.Now;
        }

        var code = RandomNumberGenerator.GetString(Alphabet, CodeLength);
        context.Db.LinkCodes.Add(new LinkCode
        {
            Code = code,
            IdentityKey = context.CallerIdentity,
            PersonId = context.Caller.Id,
            CreatedAt = context.Now,
            ExpiresAt = context.Now + LinkCode.Lifetime,
        });

        var shown = Show(code);
        return new ReplyBuilder("Link your accounts")
            .Line(Line.Of(new Text("Your code: "), new Code(shown)))
            .Line(Line.Of(new Text("On your other account (Slack, Discord or another workspace) run "), new Code($"/profile link {shown}"), new Text($" within {LinkCode.Lifetime.TotalMinutes:0} minutes. It works once.")))
            .Line("Both accounts then become one person: one profile, and their group memberships and contributions together, so you appear once in author lists. Keep the code to yourself.")
            .Build();
    }

    private static async Task<Reply> UseAsync(string typed, CommandContext context, CancellationToken cancellationToken)
    {
        var code = Normalize(typed);
        if (code.Length != CodeLength || code.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return Reply.Invalid($"'{Clip(typed, 40)}' is not a linking code: codes are {CodeLength} letters and digits such as ABCD-EFGH. Get one with /profile link on your other account.", context.Usage);
        }

        var link = await context.Db.LinkCodes.FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (link is null)
        {
            return Reply.NotFound($"There is no linking code {Show(code)}. Check it for typos, or get a new one with /profile link on your other account.");
        }

        if (link.UsedAt is { } used)
        {
            return Reply.Invalid($"The code {Show(code)} was already used ({used.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC); each code works once. Get a new one with /profile link on your other account.");
        }

        if (link.ExpiresAt <= context.Now)
        {
            return Reply.Invalid($"The code {Show(code)} has expired: codes last {LinkCode.Lifetime.TotalMinutes:0} minutes, and only the newest one of an account works. Get a new one with /profile link on your other account.");
        }

        if (link.IdentityKey == context.CallerIdentity)
        {
            return Reply.Invalid($"That code is for linking another account to this one: type /profile link {Show(code)} on your other account (another platform or workspace).");
        }

        var other = await context.Db.Identities.Include(i => i.Person).FirstOrDefaultAsync(i => i.Key == link.IdentityKey, cancellationToken);
        if (other is null)
        {
            return Reply.NotFound($"The account that asked for {Show(code)} is no longer known. Get a new code with /profile link on your other account.");
        }

        link.UsedAt = context.Now;
        link.UsedByIdentityKey = context.CallerIdentity;
        if (other.PersonId == context.Caller.Id && context.Caller.Id != 0)
        {
            return Reply.Message($"This account and {other.Key} are already one person, {People.Name(context.Caller)}. Nothing to link.");
        }

        var (survivor, absorbed) = PersonMerge.Choose(other.Person, context.Caller);
        var result = await PersonMerge.MergeAsync(context.Db, survivor, absorbed, context.Now, cancellationToken);

        var b = new ReplyBuilder("Accounts linked")
            .Line($"This account ({context.CallerIdentity}) and {other.Key} are now one person: {People.Name(survivor)}.");
        var moved = new List<string>();
        void Count(int n, string one, string many)
        {
            if (n > 0)
            {
                moved.Add(n == 1 ? one : $"{n} {many}");
            }
        }

        Count(result.MembershipsMoved, "1 group membership", "group memberships");
        Count(result.MembershipsCombined, "1 membership combined with one already there (the stronger role kept)", "memberships combined with ones already there (the stronger role kept)");
        Count(result.Contributions, "1 contribution", "contributions");
        Count(result.JoinRequests, "1 join request", "join requests");
        if (moved.Count > 0)
        {
            b.Field("Brought together", string.Join("; ", moved));
        }

        if (result.Filled.Count > 0)
        {
            b.Field("Profile completed with", string.Join(", ", result.Filled));
        }

        if (result.Kept.Count > 0)
        {
            b.Field("Kept", string.Join("; ", result.Kept));
            b.Line("/profile set changes any of these.");
        }

        return b.Build();
    }

    private static string Normalize(string typed) =>
        new([.. typed.ToUpperInvariant().Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '–' and not '_')]);

    private static string Show(string code) => code.Length == CodeLength ? $"{code[..4]}-{code[4..]}" : code;
}
