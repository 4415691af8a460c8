using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Seeding;

public static partial class SeedLoader
{
    /// <summary>Projects by slug and contributions by (project, person, role): added when missing, never changed.</summary>
    private static async Task<(int Projects, int Contributions)> LoadProjectsAsync(CollabBotDbContext db, SeedFile seed, Dictionary<string, Person> people, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int newProjects = 0, newContributions = 0;
        foreach (var p in seed.Projects)
        {
            var group = await db.Groups.FirstAsync(g => g.Slug == p.Group, cancellationToken);
            var project = await db.Projects.Include(x => x.Contributions).FirstOrDefaultAsync(x => x.Slug == p.Slug, cancellationToken);
            if (project is null)
            {
                project = new Project
                {
                    Group = group,
                    Slug = p.Slug,
                    Title = p.Title.Trim(),
                    Kind = Enum.Parse<ProjectKind>(p.Kind, ignoreCase: true),
                    CreatedAt = now,
                };
                db.Projects.Add(project);
                newProjects++;
            }

            var convener = await db.Memberships.Where(m => m.GroupId == group.Id && m.Role == MemberRole.Convener && m.EndedAt == null)
                .OrderBy(m => m.Id).Select(m => (int?)m.PersonId).FirstOrDefaultAsync(cancellationToken);
            foreach (var c in p.Contributions)
            {
                var person = people[c.Person];
                CreditTaxonomy.TryParse(c.Role, out var role, out _);
                if (project.Contributions.Any(x => x.PersonId == person.Id && x.Role == role))
                {
                    continue;
                }

                var status = Enum.Parse<ContributionStatus>(c.Status, ignoreCase: true);
                var decided = status != ContributionStatus.Pending;
                project.Contributions.Add(new Contribution
                {
                    Person = person,
                    PersonId = person.Id,
                    Role = role,
                    Degree = Enum.Parse<ContributionDegree>(c.Degree, ignoreCase: true),
                    Note = c.Note,
                    Status = status,
                    RecordedByPersonId = people[c.RecordedBy ?? c.Person].Id,
                    RecordedAt = now,
                    DecidedByPersonId = decided ? convener ?? person.Id : null,
                    DecidedAt = decided ? now : null,
                    Reason = c.Reason,
                });
                newContributions++;
            }
        }

        return (newProjects, newContributions);
    }
}
