using App.Tests.Support;

namespace App.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresModeTests(PostgresServer server)
{
    [Fact]
    public async Task Given_a_connection_string_the_app_keeps_users_and_jobs_in_postgres()
    {
        using var data = new TempDirectory();
        var database = await server.CreateDatabaseAsync();
        await using var app = await AppProcess.StartAsync(data.Path, database.Environment());

        var (status, user, _) = await app.PostAsync("/api/users", new { name = "Ada Lovelace", email = "ada@example.com", phone = "+44 1" });
        var id = await app.SubmitAsync("hash", "abc");
        var job = await app.WaitFinishedAsync(id);
        var read = await app.GetJsonAsync($"/api/users/{(long)user!["id"]!}");
        var stats = await app.GetJsonAsync("/api/queue-stats");
        var ready = await app.GetJsonAsync("/ready");

        Assert.Equal(201, status);
        Assert.Equal("ada@example.com", (string?)read["email"]);
        Assert.NotNull((string?)read["createdAt"]);
        Assert.Equal(("succeeded", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), ((string?)job["status"], (string?)job["result"]));
        Assert.Equal(1, (int)stats["completedTasks"]!);
        Assert.Equal("ready", (string?)ready["status"]);
        Assert.Equal("ada@example.com", await database.ScalarAsync("SELECT email FROM users"));
        Assert.Equal("succeeded", await database.ScalarAsync($"SELECT status FROM jobs WHERE id = {id}"));
        Assert.Equal("timestamp with time zone", await database.ScalarAsync("SELECT data_type FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'created_at'"));
        Assert.False(File.Exists(data.Combine("app.db")), "no SQLite file in Postgres mode");
        Assert.DoesNotContain(database.Server.Password, app.Output);
    }

    [Fact]
    public async Task A_wrong_password_stops_the_start_at_once_without_printing_it()
    {
        using var data = new TempDirectory();
        var database = await server.CreateDatabaseAsync();
        var environment = database.Environment(("PGPASSWORD", "not-the-password-0451"));

        var (exitCode, output) = await AppBinary.RunAsync(new Dictionary<string, string>(environment) { ["DATA_DIR"] = data.Path, ["PORT"] = Ports.Free().ToString() });

        Assert.Equal(1, exitCode);
        Assert.Contains("password authentication failed", output);
        Assert.DoesNotContain("not-the-password-0451", output);
    }
}
