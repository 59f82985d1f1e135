using App.Data;
using App.Hosting;
using App.Tests.Support;

namespace App.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresServer server)
{
    static readonly int Shipped = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(AppBinary.Dll)!, "migrations", "postgres"), "*.sql").Length;

    [Fact]
    public async Task Migrations_are_applied_once_even_when_the_web_and_the_worker_start_together()
    {
        using var data = new TempDirectory();
        using var tmp = new TempDirectory();
        var database = await server.CreateDatabaseAsync();

        var starting = new[]
        {
            AppProcess.StartAsync(data.Path, database.Environment(("APP_ROLE", "web"))),
            AppProcess.StartWorkerAsync(data.Path, database.Environment(("TMPDIR", tmp.Path))),
        };
        await using var web = await starting[0];
        await using var worker = await starting[1];
        await web.TerminateAsync();
        await using var again = await AppProcess.StartAsync(data.Path, database.Environment());

        var versions = await database.ColumnAsync("SELECT version FROM schema_version ORDER BY version");
        Assert.Equal(Enumerable.Range(1, Shipped).Select(v => v.ToString()), versions);
        var applied = web.Output.Split('\n').Concat(worker.Output.Split('\n')).Count(l => l.Contains("Applied database migration"));
        Assert.Equal(Shipped, applied);
        Assert.DoesNotContain("Applied database migration", again.Output);
    }

    [Fact]
    public async Task A_release_whose_migration_fails_half_way_exits_3_and_leaves_schema_and_data_as_they_were()
    {
        using var data = new TempDirectory();
        using var release = new TempDirectory("app-release");
        var database = await server.CreateDatabaseAsync();
        await using (var current = await AppProcess.StartAsync(data.Path, database.Environment()))
        {
            await current.PostAsync("/api/users", new { name = "Grace Hopper", email = "grace@example.com", phone = "1" });
            await current.TerminateAsync();
        }
        var schemaBefore = await SchemaAsync(database);

        // The next release ships one more migration, which changes the schema and the data and then fails.
        var dll = AppBinary.CopyTo(release.Path);
        await File.WriteAllTextAsync(
            Path.Combine(release.Path, "migrations", "postgres", $"{Shipped + 1:000}_fails_half_way.sql"),
            """
            ALTER TABLE users ADD COLUMN locale text;
            UPDATE users SET name = 'changed';
            CREATE TABLE half_done(id integer);
            SELECT 1 / 0;
            """);
        var (exitCode, output) = await AppBinary.RunAsync(dll, database.Environment(("DATA_DIR", data.Path), ("PORT", Ports.Free().ToString())));

        Assert.Equal(AppHost.MigrationFailedExitCode, exitCode);
        Assert.Contains($"Migration {Shipped + 1} ({Shipped + 1:000}_fails_half_way.sql) failed and was rolled back", output);
        Assert.Contains("division by zero", output);
        Assert.DoesNotContain("Now listening", output);
        Assert.Equal(schemaBefore, await SchemaAsync(database));
        Assert.Equal(Shipped.ToString(), await database.ScalarAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Equal("Grace Hopper", await database.ScalarAsync("SELECT name FROM users"));

        await using var stillRuns = await AppProcess.StartAsync(data.Path, database.Environment());
        Assert.Equal("ready", (string?)(await stillRuns.GetJsonAsync("/ready"))["status"]);
    }

    [Fact]
    public void Migration_files_must_be_numbered_without_gaps_and_named_NNN_what()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("001_first.sql"), "SELECT 1;");
        File.WriteAllText(folder.Combine("003_third.sql"), "SELECT 1;");

        var gap = Assert.Throws<InvalidOperationException>(() => App.Data.Postgres.PostgresMigrations.Load(folder.Path));
        File.WriteAllText(folder.Combine("two.sql"), "SELECT 1;");
        var misnamed = Assert.Throws<InvalidOperationException>(() => App.Data.Postgres.PostgresMigrations.Load(folder.Path));
        var missing = Assert.Throws<InvalidOperationException>(() => App.Data.Postgres.PostgresMigrations.Load(folder.Combine("absent")));

        Assert.Contains("expected 2, found 003_third.sql", gap.Message);
        Assert.Contains("two.sql is misnamed", misnamed.Message);
        Assert.Contains("No Postgres migrations", missing.Message);
    }

    static async Task<IReadOnlyList<string?>> SchemaAsync(PostgresDatabase database) =>
        await database.ColumnAsync(
            """
            SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns
            WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """);
}
