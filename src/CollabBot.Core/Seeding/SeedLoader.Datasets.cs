using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Seeding;

public static partial class SeedLoader
{
    /// <summary>Datasets by slug and their versions by name: only what is missing is added, so a release users recorded is never touched.</summary>
    private static async Task<(int Datasets, int Versions)> LoadDatasetsAsync(CollabBotDbContext db, SeedFile seed, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int newDatasets = 0, newVersions = 0;
        foreach (var s in seed.Datasets)
        {
            var group = db.Groups.Local.FirstOrDefault(g => g.Slug == s.Group)
                ?? await db.Groups.FirstOrDefaultAsync(g => g.Slug == s.Group, cancellationToken)
                ?? throw new SeedException($"{source}: dataset {s.Slug}: there is no group '{s.Group}' (in this file or the database).");
            var dataset = await db.Datasets.Include(d => d.Versions).FirstOrDefaultAsync(d => d.Slug == s.Slug, cancellationToken);
            if (dataset is null)
            {
                var repo = s.Repo?.Split('/');
                dataset = new Dataset
                {
                    Group = group,
                    Slug = s.Slug,
                    Title = s.Title,
                    RepoOwner = repo?[0],
                    RepoName = repo?[1],
                    Label = s.Label,
                    Url = s.Url,
                    Doi = s.Doi,
                    License = s.License,
                    CreatedAt = now,
                };
                db.Datasets.Add(dataset);
                newDatasets++;
            }

            foreach (var v in s.Versions.Where(v => dataset.Versions.All(x => x.Name != v.Version)))
            {
                dataset.Versions.Add(new DatasetVersion { Name = v.Version, Doi = v.Doi, Url = v.Url, ReleasedOn = v.Date, Notes = v.Notes?.Trim(), RecordedAt = now });
                newVersions++;
            }
        }

        return (newDatasets, newVersions);
    }
}
