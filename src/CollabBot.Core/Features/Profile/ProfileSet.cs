using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Profile;

[Command("profile set")]
public sealed class ProfileSet : CommandHandler<ProfileSet.Args>
{
    public sealed record Args(string? Name, string? Given, string? Family, string? Particle, string? SortOnParticle, string? Orcid, IReadOnlyList<string> Affiliation, string? Tz, string? PrivateActivity, string? Remind, string? RemindVia, string? RemindFor);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        if (args is { Name: null, Given: null, Family: null, Particle: null, SortOnParticle: null, Orcid: null, Tz: null, PrivateActivity: null, Remind: null, RemindVia: null, RemindFor: null } && args.Affiliation.Count == 0)
        {
            return Reply.Invalid("Nothing to set: give at least one of --name, --given, --family, --particle, --sort-on-particle, --orcid, --affiliation, --tz, --private-activity, --remind, --remind-via or --remind-for.", context.Usage);
        }

        if (args.Remind is not null && PersonalReminders.Parse(args.Remind).Count > PersonalReminders.MaxOffsets)
        {
            return Reply.Invalid($"--remind takes at most {PersonalReminders.MaxOffsets} times, such as 1d,15m.", context.Usage);
        }

        var fields = new[] { args.Name, args.Given, args.Family, args.Particle }.Concat(args.Affiliation);
        if (fields.Any(f => f is not null && f.Trim().Length > 200))
        {
            return Reply.Invalid("Names and affiliations are at most 200 characters each.", context.Usage);
        }

        if (args.Name is not null && args.Name.Trim().Length == 0)
        {
            return Reply.Invalid("--name cannot be empty: give your name as \"Given Family\".", context.Usage);
        }

        if (args.Affiliation.Any(a => a.Trim().Length == 0))
        {
            return Reply.Invalid("An --affiliation cannot be empty.", context.Usage);
        }

        var person = context.Caller;
        var changes = new List<Line>();
        void Change(string label, string? before, string? after, Action apply)
        {
            if (before == after)
            {
                return;
            }

            apply();
            changes.Add(Line.Of(new Text($"{label}: {(string.IsNullOrEmpty(before) ? "(none)" : before)} → {(string.IsNullOrEmpty(after) ? "(none)" : after)}")));
        }

        if (args.Name is not null)
        {
            var split = PersonName.Split(args.Name);
            Change("Name", person.DisplayName, split.Display, () => person.DisplayName = split.Display);
            Change("Given names", person.GivenName, split.Given, () => person.GivenName = split.Given);
            Change("Particle", person.NameParticle, split.Particle, () => person.NameParticle = split.Particle);
            Change("Family name", person.FamilyName, split.Family, () => person.FamilyName = split.Family);
        }

        if (args.Given is not null)
        {
            Change("Given names", person.GivenName, Blank(args.Given), () => person.GivenName = Blank(args.Given));
        }

        if (args.Particle is not null)
        {
            Change("Particle", person.NameParticle, Blank(args.Particle), () => person.NameParticle = Blank(args.Particle));
        }

        if (args.Family is not null)
        {
            Change("Family name", person.FamilyName, Blank(args.Family), () => person.FamilyName = Blank(args.Family));
        }

        if (args.PrivateActivity is not null)
        {
            var hidden = args.PrivateActivity == "yes";
            Change("Activity counts in reports", person.PrivateActivity ? "private" : "shown", hidden ? "private" : "shown", () => person.PrivateActivity = hidden);
        }

        if (args.SortOnParticle is not null)
        {
            var sortOn = args.SortOnParticle == "yes";
            Change("Sorted on particle", person.SortOnParticle ? "yes" : "no", sortOn ? "yes" : "no", () => person.SortOnParticle = sortOn);
        }

        if (args.Orcid is not null)
        {
            Change("ORCID", person.Orcid, args.Orcid, () => person.Orcid = args.Orcid);
        }

        if (args.Affiliation.Count > 0)
        {
            var list = args.Affiliation.Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToList();
            Change("Affiliations", string.Join("; ", person.Affiliations), string.Join("; ", list), () => person.Affiliations = list);
        }

        if (args.Tz is not null)
        {
            Change("Time zone", person.TimeZone, args.Tz, () => person.TimeZone = args.Tz);
        }

        if (args.Remind is not null || args.RemindVia is not null || args.RemindFor is not null)
        {
            var before = PersonalReminders.Describe(person);
            ApplyReminders(args, person);
            var after = PersonalReminders.Describe(person);
            if (before != after)
            {
                changes.Add(Line.Of(new Text($"Personal reminders: {before} → {after}")));

                // The planner lays out reminders a day and a half ahead: plan this person's groups' meetings again now.
                var groups = context.Db.Memberships.Where(m => m.PersonId == person.Id && m.EndedAt == null).Select(m => m.GroupId);
                await context.PlanMeetingsAgainAsync(s => groups.Contains(s.GroupId), cancellationToken);
            }
        }

        if (changes.Count == 0)
        {
            return Reply.Message("Your profile already has those values; nothing changed.");
        }

        return new ReplyBuilder("Profile updated").Lines(changes).Build();
    }

    /// <summary>Giving times while reminders are off turns them on by direct message, unless --remind-via says otherwise.</summary>
    private static void ApplyReminders(Args args, Person person)
    {
        if (args.Remind is not null)
        {
            person.RemindOffsets = string.Join(',', PersonalReminders.Parse(args.Remind).Select(Durations.Format));
        }

        person.RemindVia = args.RemindVia switch
        {
            "dm" => ReminderDelivery.Dm,
            "off" => ReminderDelivery.Off,
            _ when args.Remind is not null => ReminderDelivery.Dm,
            _ => person.RemindVia,
        };
        if (args.RemindFor is not null)
        {
            person.RemindFor = args.RemindFor == "rsvp" ? ReminderScope.Rsvp : ReminderScope.All;
        }
    }

    private static string? Blank(string text) => text.Trim().Length == 0 ? null : text.Trim();
}
