using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

[Command("credit add")]
public sealed class CreditAdd : CommandHandler<CreditAdd.Args>
{
    public sealed record Args(UserRef User, CreditRole Role, string? Degree, string? Note);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var project = context.Ref<Project>();
        var group = project.Group;

        // Who may record (members of the group, and admins) is the dispatcher's; a convener's record counts at once.
        var isConvener = context.CanManage(group);

        var note = args.Note?.Trim();
        if (note is { Length: > 500 })
        {
            return Reply.Invalid("A note is at most 500 characters.", context.Usage);
        }

        var person = await context.PersonAsync(args.User, cancellationToken);
        var name = People.Name(person);
        var who = new Mention(args.User.Identity, name);
        if (person.Id != 0)
        {
            var same = await context.Db.Contributions
                .Where(c => c.ProjectId == project.Id && c.PersonId == person.Id && c.Role == args.Role && c.Status != ContributionStatus.Rejected)
                .FirstOrDefaultAsync(cancellationToken);
            if (same is not null)
            {
                return Reply.Invalid($"{name} already has {CreditTaxonomy.Name(args.Role)} on {project.Slug}: #{same.Id}, {CreditTaxonomy.DegreeName(same.Degree)}, {CreditProjects.StatusText(same.Status)}. To change its degree, a convener rejects #{same.Id} and it is recorded again.");
            }
        }

        var contribution = new Contribution
        {
            Project = project,
            Person = person,
            Role = args.Role,
            Degree = CreditProjects.ParseDegree(args.Degree),
            Note = string.IsNullOrEmpty(note) ? null : note,
            Status = isConvener ? ContributionStatus.Confirmed : ContributionStatus.Pending,
            RecordedByPersonId = context.Caller.Id,
            RecordedAt = context.Now,
            DecidedByPersonId = isConvener ? context.Caller.Id : null,
            DecidedAt = isConvener ? context.Now : null,
        };
        if (context.Caller.Id == 0)
        {
            // A caller seen for the first time has no id yet; save them first so the contribution can name its recorder.
            await context.Db.SaveChangesAsync(cancellationToken);
            contribution.RecordedByPersonId = context.Caller.Id;
            contribution.DecidedByPersonId = isConvener ? context.Caller.Id : null;
        }

        context.Db.Contributions.Add(contribution);

        // The id is the handle conveners confirm by, so it must exist before the messages are written; the transaction still holds it all.
        await context.Db.SaveChangesAsync(cancellationToken);
        var what = $"{CreditProjects.RoleText(contribution)} on {project.Title} ({project.Slug})";
        var recordedBy = People.Name(context.Caller);
        var self = person.Id == context.Caller.Id;

        if (isConvener)
        {
            if (!self)
            {
                await context.Outbox.ToPersonAsync(person, Reply.Message($"{recordedBy} recorded and confirmed your contribution #{contribution.Id}: {what}."), cancellationToken);
            }

            return Reply.Message(Line.Of(new Text($"Recorded and confirmed #{contribution.Id}: "), who, new Text($" — {what}. It counts in the author list.")));
        }

        var conveners = await CreditProjects.ConvenersAsync(context, group, cancellationToken);
        var request = new ReplyBuilder($"Contribution #{contribution.Id} to confirm")
            .Line(Line.Of(who, new Text($" — {what}, recorded by {recordedBy}.")));
        if (contribution.Note is not null)
        {
            request.Field("Note", contribution.Note);
        }

        var decision = request
            .Action("Confirm", $"/credit confirm {contribution.Id}")
            .Action("Reject", $"/credit reject {contribution.Id}", primary: false)
            .Build();
        foreach (var convener in conveners)
        {
            await context.Outbox.ToPersonAsync(convener, decision, cancellationToken);
        }

        if (!self)
        {
            await context.Outbox.ToPersonAsync(person, Reply.Message($"{recordedBy} recorded a contribution for you, #{contribution.Id}: {what}. It is pending until a convener of {group.Slug} confirms it."), cancellationToken);
        }

        var names = string.Join(", ", conveners.Select(People.Name).Order(StringComparer.CurrentCulture));
        var until = conveners.Count switch
        {
            0 => "an admin confirms it (the group has no convener)",
            1 => $"{names} confirms it; they have been asked",
            _ => $"one of {names} confirms it; they have been asked",
        };
        return Reply.Message(Line.Of(new Text($"Recorded #{contribution.Id}: "), who, new Text($" — {what}. It is pending until {until}.")));
    }
}
