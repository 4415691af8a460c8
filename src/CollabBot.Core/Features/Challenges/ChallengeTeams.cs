using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Datasets;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge team create</c>: a team for one challenge, which the caller joins. Its best counts once; its members share the daily limit.</summary>
[Command("challenge team create")]
public sealed class ChallengeTeamCreate : CommandHandler<ChallengeTeamCreate.Args>
{
    public sealed record Args(string Name);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        var name = args.Name.Trim();
        if (name.Length is 0 or > 80)
        {
            return Reply.Invalid("A team's name must be 1 to 80 characters.", context.Usage);
        }

        if (ChallengeTeamRules.WhyFixed(challenge) is { } closed)
        {
            return Reply.Refused(closed);
        }

        if (await ChallengeRules.TeamOfAsync(context.Db, challenge.Id, context.Caller.Id, cancellationToken) is { } current)
        {
            return Reply.Refused($"You are in team {current.Name} for {challenge.Slug}; /challenge team leave {challenge.Slug} first.");
        }

        var names = await context.Db.ChallengeTeams.Where(t => t.ChallengeId == challenge.Id).Select(t => t.Name).ToListAsync(cancellationToken);
        if (names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
        {
            return Reply.Invalid($"{challenge.Slug} already has a team called {Values.Clipping.Clip(name, 80)}: /challenge team join {challenge.Slug} \"{Values.Clipping.Clip(name, 80)}\" joins it.");
        }

        var team = new ChallengeTeam { ChallengeId = challenge.Id, Challenge = challenge, Name = name, CreatedAt = context.Now, CreatedByPersonId = context.Caller.Id };
        team.Members.Add(new ChallengeTeamMember { Team = team, ChallengeId = challenge.Id, PersonId = context.Caller.Id, JoinedAt = context.Now });
        context.Db.ChallengeTeams.Add(team);
        return new ReplyBuilder($"Created team {name} for {challenge.Slug}")
            .Line("You are its first member. The team's best submission counts once on the board, and its members share the daily limit.")
            .Line(Line.Of(new Text("Others join with "), new Code($"/challenge team join {challenge.Slug} \"{name}\"")))
            .Build();
    }
}

/// <summary><c>/challenge team join</c>: joins a team of the challenge by name.</summary>
[Command("challenge team join")]
public sealed class ChallengeTeamJoin : CommandHandler<ChallengeTeamJoin.Args>
{
    public sealed record Args(string Team);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        if (ChallengeTeamRules.WhyFixed(challenge) is { } closed)
        {
            return Reply.Refused(closed);
        }

        var teams = await context.Db.ChallengeTeams.Where(t => t.ChallengeId == challenge.Id).ToListAsync(cancellationToken);
        var wanted = args.Team.Trim();
        var team = teams.FirstOrDefault(t => string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase));
        if (team is null)
        {
            return Reply.NotFound(teams.Count == 0
                ? $"{challenge.Slug} has no teams yet: /challenge team create {challenge.Slug} \"<name>\" makes one."
                : $"{challenge.Slug} has no team '{Values.Clipping.Clip(wanted, 80)}'. Its teams: {string.Join(", ", teams.Select(t => t.Name).Order(StringComparer.OrdinalIgnoreCase))}.");
        }

        if (await ChallengeRules.TeamOfAsync(context.Db, challenge.Id, context.Caller.Id, cancellationToken) is { } current)
        {
            return Reply.Refused(current.Id == team.Id
                ? $"You are already in team {team.Name}."
                : $"You are in team {current.Name} for {challenge.Slug}; /challenge team leave {challenge.Slug} first.");
        }

        context.Db.ChallengeTeamMembers.Add(new ChallengeTeamMember { TeamId = team.Id, ChallengeId = challenge.Id, PersonId = context.Caller.Id, JoinedAt = context.Now });
        return Reply.Message($"You joined team {team.Name} for {challenge.Slug}. Your next submissions count for the team, and you share its daily limit.");
    }
}

/// <summary><c>/challenge team leave</c>: ends the caller's team membership (the row stays); earlier submissions stay the team's.</summary>
[Command("challenge team leave")]
public sealed class ChallengeTeamLeave : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        if (ChallengeTeamRules.WhyFixed(challenge) is { } closed)
        {
            return Reply.Refused(closed);
        }

        var membership = await context.Db.ChallengeTeamMembers.Include(m => m.Team)
            .FirstOrDefaultAsync(m => m.ChallengeId == challenge.Id && m.PersonId == context.Caller.Id && m.LeftAt == null, cancellationToken);
        if (membership is null)
        {
            return Reply.Refused($"You are not in a team for {challenge.Slug}.");
        }

        membership.LeftAt = context.Now;
        return Reply.Message($"You left team {membership.Team.Name}. Submissions you made for it stay the team's; your next ones are your own.");
    }
}

internal static class ChallengeTeamRules
{
    public static string? WhyFixed(Challenge challenge) =>
        challenge.State == ChallengeState.Closed ? $"{challenge.Slug} is closed: its teams stand as they were." : null;
}
