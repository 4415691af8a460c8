using System.Text.Json;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Tests.Support;

/// <summary>Reads of saved state that many tests need, each on a fresh context so they see only what was committed.</summary>
public static class HarnessQueries
{
    /// <summary>The membership row of a person (by identity) in a group, active or ended; null if there never was one.</summary>
    public static Task<Membership?> MembershipAsync(this CoreHarness h, string slug, string identity) =>
        h.QueryAsync(db => db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.Group.Slug == slug && m.Person.Identities.Any(i => i.Key == identity)));

    public static Task<WorkingGroup> GroupAsync(this CoreHarness h, string slug) =>
        h.QueryAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Slug == slug));

    public static Task<Person?> PersonAsync(this CoreHarness h, string identity) =>
        h.QueryAsync(db => db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Identities.Any(i => i.Key == identity)));

    public static Task<List<AuditEntry>> AuditAsync(this CoreHarness h) =>
        h.QueryAsync(db => db.Audit.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

    /// <summary>Audit rows written after the row with id <paramref name="lastId"/> (see <see cref="LastAuditIdAsync"/>).</summary>
    public static Task<List<AuditEntry>> AuditAfterAsync(this CoreHarness h, long lastId) =>
        h.QueryAsync(db => db.Audit.AsNoTracking().Where(a => a.Id > lastId).OrderBy(a => a.Id).ToListAsync());

    public static Task<long> LastAuditIdAsync(this CoreHarness h) =>
        h.QueryAsync(async db => await db.Audit.MaxAsync(a => (long?)a.Id) ?? 0);

    /// <summary>
    /// Everything users can change, as one string: two equal snapshots mean a command changed nothing
    /// (audit rows included, since every change writes one).
    /// </summary>
    public static Task<string> SnapshotAsync(this CoreHarness h) =>
        h.QueryAsync(async db => JsonSerializer.Serialize(new
        {
            Groups = await db.Groups.AsNoTracking().OrderBy(g => g.Id).ToListAsync(),
            Memberships = await db.Memberships.AsNoTracking().OrderBy(m => m.Id).ToListAsync(),
            Links = await db.ChannelLinks.AsNoTracking().OrderBy(c => c.Id).ToListAsync(),
            Requests = await db.JoinRequests.AsNoTracking().OrderBy(j => j.Id).ToListAsync(),
            People = await db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
            Identities = await db.Identities.AsNoTracking().OrderBy(i => i.Id).ToListAsync(),
            Audit = await db.Audit.CountAsync(),
        }));

    /// <summary>Asserts the status, showing the reply's text when it differs (a bare enum mismatch says too little).</summary>
    public static void AssertStatus(ReplyStatus expected, Reply reply) =>
        Assert.True(expected == reply.Status, $"Expected {expected}, got {reply.Status}: {reply.Plain}");
}
