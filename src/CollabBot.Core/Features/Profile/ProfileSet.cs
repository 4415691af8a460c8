using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;

namespace CollabBot.Core.Features.Profile;

[Command("profile set")]
public sealed class ProfileSet : CommandHandler<ProfileSet.Args>
{
    public sealed record Args(string? Name, string? Given, string? Family, string? Particle, string? SortOnParticle, string? Orcid, IReadOnlyList<string> Affiliation, string? Tz);

    public override Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        if (args is { Name: null, Given: null, Family: null, Particle: null, SortOnParticle: null, Orcid: null, Tz: null } && args.Affiliation.Count == 0)
        {
            return Task.FromResult(Reply.Invalid("Nothing to set: give at least one of --name, --given, --family, --particle, --sort-on-particle, --orcid, --affiliation or --tz.", context.Usage));
        }

        var fields = new[] { args.Name, args.Given, args.Family, args.Particle }.Concat(args.Affiliation);
        if (fields.Any(f => f is not null && f.Trim().Length > 200))
        {
            return Task.FromResult(Reply.Invalid("Names and affiliations are at most 200 characters each.", context.Usage));
        }

        if (args.Name is not null && args.Name.Trim().Length == 0)
        {
            return Task.FromResult(Reply.Invalid("--name cannot be empty: give your name as \"Given Family\".", context.Usage));
        }

        if (args.Affiliation.Any(a => a.Trim().Length == 0))
        {
            return Task.FromResult(Reply.Invalid("An --affiliation cannot be empty.", context.Usage));
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

        if (changes.Count == 0)
        {
            return Task.FromResult(Reply.Message("Your profile already has those values; nothing changed."));
        }

        return Task.FromResult(new ReplyBuilder("Profile updated").Lines(changes).Build());
    }

    private static string? Blank(string text) => text.Trim().Length == 0 ? null : text.Trim();
}
