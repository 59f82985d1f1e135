using System.Text.Json;
using Pipeline.Delivery;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Delivery;

public sealed class AuditLogTests : IDisposable
{
    static readonly DateTimeOffset At = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);
    readonly string root = TestMachine.TempDirectory("audit");

    AuditLog Log => new(Path.Combine(root, "logs", "deploy", "audit.jsonl"));

    static AuditEntry Entry(int i, AuditAction action = AuditAction.Promote, AuditOutcome outcome = AuditOutcome.Succeeded) =>
        new AuditEntry(At.AddMinutes(i), action, "production", outcome)
        {
            Version = $"1.0.{i}", PreviousVersion = $"1.0.{i - 1}", Commit = "0123456789abcdef0123456789abcdef01234567",
            Digests = new Dictionary<string, string> { ["app"] = "localhost:5000/app@sha256:" + new string('a', 64) },
            RollbackTag = "rollback-20261123-143000", BackupId = "20261123-143000", Message = $"entry {i}",
        }.By(new DeployUser("alice", "build-01"));

    [Fact]
    public void Each_entry_is_one_json_line_in_kebab_case_with_the_time_in_utc()
    {
        Log.Append(Entry(1, AuditAction.DeployStaging, AuditOutcome.RolledBack) with { Time = new DateTimeOffset(2026, 11, 23, 16, 31, 0, TimeSpan.FromHours(2)) });

        var line = Assert.Single(File.ReadAllLines(Log.Path));
        using var json = JsonDocument.Parse(line);
        var entry = json.RootElement;
        Assert.Equal("deploy-staging", entry.GetProperty("action").GetString());
        Assert.Equal("rolled-back", entry.GetProperty("outcome").GetString());
        Assert.Equal("2026-11-23T14:31:00+00:00", entry.GetProperty("time").GetString());
        Assert.Equal("1.0.0", entry.GetProperty("previousVersion").GetString());
        Assert.Equal("alice", entry.GetProperty("user").GetString());
        Assert.Equal("build-01", entry.GetProperty("machine").GetString());
        Assert.StartsWith("localhost:5000/app@sha256:", entry.GetProperty("digests").GetProperty("app").GetString());
        foreach (var name in new[] { "environment", "version", "commit", "rollbackTag", "backupId", "message" })
            Assert.True(entry.TryGetProperty(name, out _), name);
    }

    [Fact]
    public async Task Appends_from_parallel_tasks_are_whole_lines()
    {
        var log = Log;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
                new AuditLog(log.Path).Append(Entry(t * 100 + i) with { Message = new string('x', 2000 + t) });
        })));

        var lines = File.ReadAllLines(log.Path);
        Assert.Equal(400, lines.Length);
        var versions = lines.Select(l => JsonSerializer.Deserialize<JsonElement>(l).GetProperty("version").GetString()).ToHashSet();
        Assert.Equal(400, versions.Count);
        Assert.Equal(400, log.ReadLast(1000).Count);
    }

    [Fact]
    public void ReadLast_skips_a_torn_trailing_line_and_the_next_append_starts_a_new_line()
    {
        var log = Log;
        for (var i = 1; i <= 3; i++)
            log.Append(Entry(i));
        File.AppendAllText(log.Path, "{\"time\":\"2026-11-23T15:");

        Assert.Equal(["1.0.1", "1.0.2", "1.0.3"], log.ReadLast(10).Select(e => e.Version));
        Assert.Equal(["1.0.2", "1.0.3"], log.ReadLast(2).Select(e => e.Version));

        log.Append(Entry(4, AuditAction.Rollback, AuditOutcome.Failed));

        var last = log.ReadLast(2);
        Assert.Equal(["1.0.3", "1.0.4"], last.Select(e => e.Version));
        Assert.Equal((AuditAction.Rollback, AuditOutcome.Failed), (last[1].Action, last[1].Outcome));
        Assert.Equal(Entry(4, AuditAction.Rollback, AuditOutcome.Failed).Digests!["app"], last[1].Digests!["app"]);
    }

    [Fact]
    public void Appending_never_changes_what_is_already_there()
    {
        var log = Log;
        log.Append(Entry(1));
        var before = File.ReadAllBytes(log.Path);

        log.Append(Entry(2));

        Assert.Equal(before, File.ReadAllBytes(log.Path)[..before.Length]);
    }

    [Fact]
    public void A_missing_log_reads_as_empty()
    {
        Assert.Empty(Log.ReadLast(5));
        Assert.Empty(Log.ReadLast(0));
    }

    [Fact]
    public void Write_prints_a_table_with_a_row_per_entry()
    {
        var writer = new StringWriter();
        AuditLog.Write(writer, [Entry(1), Entry(2, AuditAction.Unlock, AuditOutcome.Cancelled) with { Message = "two\nlines" }]);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Time (UTC)", lines[0]);
        Assert.Contains("Rollback point", lines[0]);
        Assert.Matches(@"^2026-11-23 14:31:00Z\s+promote\s+production\s+succeeded\s+1\.0\.1\s+1\.0\.0\s+0123456\s+rollback-20261123-143000\s+20261123-143000\s+alice@build-01\s+entry 1$", lines[2]);
        Assert.Matches(@"unlock\s+production\s+cancelled.*two lines$", lines[3]);

        var empty = new StringWriter();
        AuditLog.Write(empty, []);
        Assert.Contains("No deployments recorded yet", empty.ToString());
    }

    public void Dispose() => TestMachine.Delete(root);
}
