using App.Data;
using App.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace App.Tests.Unit;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_run_once_and_are_recorded_in_schema_version()
    {
        using var data = new TempDirectory();
        await using var database = Database.Sqlite(data.Combine("app.db"));

        var first = await Migrations.ApplyAsync(database, NullLogger.Instance, CancellationToken.None);
        var second = await Migrations.ApplyAsync(database, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(0, first);
        Assert.Equal(Migrations.SqliteSteps.Count, second);
        var versions = await database.QueryAsync("SELECT version FROM schema_version ORDER BY version", r => r.GetInt32(0), CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, Migrations.SqliteSteps.Count), versions);
        var columns = await database.QueryAsync("SELECT name FROM pragma_table_info('users') ORDER BY cid", r => r.GetString(0), CancellationToken.None);
        Assert.Equal(["id", "name", "email", "phone", "created_at"], columns);
    }
}
