using System.Globalization;
using System.Text.Json;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

/// <summary>
/// Audit rows name the rows they describe by their real ids. EF gives a row it has yet to insert a temporary
/// (negative) key, and foreign keys pointing at it carry that value until the save: an audit written from those
/// values names rows that never existed. Runs on PostgreSQL too when the suite does.
/// </summary>
public sealed class AuditKeysTests
{
    [Fact]
    public async Task SeededCommunity_EveryAuditRow_NamesExistingRowsByRealIds()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var checkedRows = await AssertAuditNamesRealRowsAsync(h, afterId: 0);

        // The seed inserts groups with their memberships, people with their identities: temporary keys everywhere.
        Assert.True(checkedRows.ForeignKeys > 100, $"only {checkedRows.ForeignKeys} foreign keys were checked");
    }

    [Fact]
    public async Task CommandsThatCreateRowsTogether_EveryAuditRow_NamesExistingRowsByRealIds()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var last = await h.LastAuditIdAsync();

        // Each of these inserts a row together with the rows it points at, in one save.
        Ok(await h.SayAsync(CoreHarness.Admin, "/wg create muon-id \"Muon Identification\" --convener @newconvener"));
        Ok(await h.SayAsync("console:newconvener", "/wg add muon-id @newmember --role dataset-team"));
        Ok(await h.SayAsync("console:newconvener", "/meeting schedule muon-id \"Muon weekly\" --when \"weekly on tue 15:00\""));
        Ok(await h.SayAsync("console:newmember", "/meeting talk add muon-id/muon-weekly \"First look\" --speaker @newspeaker"));
        Ok(await h.SayAsync("console:newconvener", "/credit project create muon-id muon-paper \"Muon identification with transformers\""));
        Ok(await h.SayAsync("console:newmember", "/credit add muon-paper @newcontributor software --note \"Training code\""));
        Ok(await h.SayAsync("console:newconvener", "/dataset register muon-id muon-sample \"Muon sample\""));
        Ok(await h.SayAsync("console:newconvener", "/dataset version muon-sample 1.0.0"));
        Ok(await h.SayAsync("console:newconvener", "/wg link muon-id", channel: "C0MUON0001"));

        // A schedule change after meetings happened keeps the past as a new, ended series and moves its talks there.
        h.Clock.Advance(TimeSpan.FromDays(14));
        Ok(await h.SayAsync("console:amara", "/meeting edit calorimetry/monthly --when \"monthly on 2nd wed 15:00\""));

        var checkedRows = await AssertAuditNamesRealRowsAsync(h, last);
        Assert.True(checkedRows.Rows > 15, $"only {checkedRows.Rows} audit rows were written");
        var talkMoved = (await h.AuditAfterAsync(last)).Where(r => r is { Entity: nameof(Talk), Action: "Modified" }).ToList();
        Assert.NotEmpty(talkMoved);
        Assert.All(talkMoved, r => Assert.Contains("SeriesId", r.Changes, StringComparison.Ordinal));
    }

    private static void Ok(Reply reply) => AssertStatus(ReplyStatus.Ok, reply);

    /// <summary>
    /// For every audit row after <paramref name="afterId"/>: its key is a positive id of an existing row, and every
    /// foreign key it records (the model's, and the "…PersonId" columns that name who did something) is a positive
    /// id of an existing row of the table it refers to.
    /// </summary>
    private static Task<(int Rows, int ForeignKeys)> AssertAuditNamesRealRowsAsync(CoreHarness h, long afterId) =>
        h.QueryAsync(async db =>
        {
            var rows = await db.Audit.AsNoTracking().Where(a => a.Id > afterId).OrderBy(a => a.Id).ToListAsync();
            var types = db.Model.GetEntityTypes().ToDictionary(t => t.ClrType.Name, StringComparer.Ordinal);
            var person = db.Model.FindEntityType(typeof(Person))!;
            var foreignKeys = 0;
            foreach (var row in rows)
            {
                var type = types[row.Entity];
                await AssertExistsAsync(db, type, row.EntityKey, $"audit #{row.Id} ({row.Entity} {row.Action}) key");

                var changes = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(row.Changes)!;
                var references = type.GetForeignKeys().Select(fk => (fk.Properties.Single().Name, Principal: fk.PrincipalEntityType))
                    .Concat(type.GetProperties().Where(p => p.Name.EndsWith("PersonId", StringComparison.Ordinal) && !p.IsForeignKey()).Select(p => (p.Name, Principal: (IEntityType)person)));
                foreach (var (property, principal) in references)
                {
                    if (!changes.TryGetValue(property, out var values))
                    {
                        continue;
                    }

                    foreach (var value in values.Where(v => v.ValueKind != JsonValueKind.Null))
                    {
                        await AssertExistsAsync(db, principal, value.GetRawText(), $"audit #{row.Id} ({row.Entity} {row.Action}) {property}");
                        foreignKeys++;
                    }
                }
            }

            return (rows.Count, foreignKeys);
        });

    private static async Task AssertExistsAsync(CollabBotDbContext db, IEntityType type, string id, string what)
    {
        var key = type.FindPrimaryKey()!.Properties.Single();
        Assert.True(long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0, $"{what} is '{id}', not a positive id");
        var found = await db.FindAsync(type.ClrType, Convert.ChangeType(number, key.ClrType, CultureInfo.InvariantCulture));
        Assert.True(found is not null, $"{what} is {id}, but there is no {type.ClrType.Name} {id}");
    }
}
