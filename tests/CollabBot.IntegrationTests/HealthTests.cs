using System.Net;
using CollabBot.Core.Data;
using CollabBot.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

public sealed class HealthTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_Get_Returns200Ok()
    {
        using var response = await factory.CreateClient().GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Readyz_MigratedDatabase_Returns200Ready()
    {
        using var response = await factory.CreateClient().GetAsync("/readyz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Readyz_MigrationNotApplied_Returns503SayingSo()
    {
        // Forget the last migration in the history table, as a database from an older version would; then put it back.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var last = db.Database.GetMigrations().Last();
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}", Ct);
        try
        {
            using var response = await factory.CreateClient().GetAsync("/readyz", Ct);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("1 migration(s) pending", await response.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({last}, '10.0.15')", Ct);
        }
    }
}
