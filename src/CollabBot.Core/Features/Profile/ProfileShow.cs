using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Profile;

[Command("profile show")]
public sealed class ProfileShow : CommandHandler<ProfileShow.Args>
{
    public sealed record Args(UserRef? User);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var person = context.Caller;
        if (args.User is not null && args.User.Identity != context.CallerIdentity)
        {
            var identity = await context.Db.Identities.Include(i => i.Person).FirstOrDefaultAsync(i => i.Key == args.User.Identity, cancellationToken);
            if (identity is null)
            {
                return Reply.NotFound($"{args.User.Label ?? args.User.Identity} has not used CollabBot yet, so there is no profile to show.");
            }

            person = identity.Person;
        }

        var groups = person.Id == 0
            ? []
            : await context.Db.Memberships.Where(m => m.PersonId == person.Id && m.EndedAt == null)
                .OrderBy(m => m.Group.Slug).Select(m => new { m.Group.Slug, m.Role, Muted = m.RemindersMuted }).ToListAsync(cancellationToken);

        var b = new ReplyBuilder(People.Name(person))
            .Field("Given names", person.GivenName ?? "—")
            .Field("Family name", person.FamilyName is null ? "—" : string.Join(' ', new[] { person.NameParticle, person.FamilyName }.Where(s => !string.IsNullOrEmpty(s))))
            .Field("Sorted under", person.FamilyName is null ? "—" : person.SortOnParticle && person.NameParticle is not null ? $"{person.NameParticle} {person.FamilyName} (particle included)" : person.FamilyName)
            .Field("ORCID", person.Orcid is null ? "—" : Line.Of(new Link(Orcid.Url(person.Orcid), person.Orcid)))
            .Field("Affiliations", person.Affiliations.Count == 0 ? "—" : string.Join("; ", person.Affiliations.Select((a, i) => $"{i + 1}. {a}")))
            .Field("Time zone", person.TimeZone ?? "not set (times are shown in UTC where the platform cannot show your own)")
            .Field("Groups", groups.Count == 0 ? "none" : string.Join(", ", groups.Select(g => g.Role == MemberRole.Convener ? g.Slug + " (convener)" : g.Slug)));
        if (person == context.Caller)
        {
            // Someone else's reminder settings are theirs alone.
            b.Field("Personal reminders", PersonalReminders.Describe(person));
            if (groups.Where(g => g.Muted).Select(g => g.Slug).ToList() is { Count: > 0 } muted)
            {
                b.Field("Muted groups", string.Join(", ", muted) + " (/wg unmute <wg> to hear of them again)");
            }
        }
        if (person.Id != 0 && await Meeting.Duties.ServiceAsync(context.Db, person.Id, context.Now, cancellationToken) is { } service)
        {
            b.Field("Service", service + " (meeting duties held)");
        }

        if (person == context.Caller && (person.FamilyName is null || person.Orcid is null))
        {
            b.Line("Author lists use your given and family names, ORCID and affiliations: /profile set --name \"Given Family\" --orcid … --affiliation …");
        }

        return b.Build();
    }
}
