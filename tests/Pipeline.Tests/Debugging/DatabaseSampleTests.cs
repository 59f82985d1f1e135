using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Data;
using Pipeline.Debugging;
using Pipeline.Tests.Data;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Debugging;

/// <summary>The snapshot's database: sanitized by the shipped rules, then scrubbed, so no canary survives in the file or the sample.</summary>
public sealed class DatabaseSampleTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("debug-db-").FullName;

    public void Dispose() => TestMachine.Delete(folder);

    [Fact]
    public async Task No_personal_value_survives_in_the_sanitized_file_or_the_sample_rows()
    {
        var canary = SampleUser.Canary();
        var other = SampleUser.Canary();
        var database = SampleDatabase.Create(folder, [canary, SampleUser.Canary()],
            extraSql: $"INSERT INTO jobs(type, status, created_at) VALUES ('notify {other.Email} at {other.Phone}', 'queued', '2026-02-03T04:05:06Z');");
        var redactor = new ValueRedactor(Maskers.New());

        await new Sanitizer(SanitizationRules.Load(Path.Combine(TestMachine.RepositoryRoot, "deploy", "sanitize.json")), "test-salt").SanitizeAsync(database, default);
        var scrubbed = await SqliteSample.ScrubAsync(database, redactor, default);
        var (schema, sample, rows) = await SqliteSample.ReadAsync(database, 20, redactor, default);

        Assert.Equal(1, scrubbed);
        Assert.Equal(1, redactor.Counts[RedactionRule.Email]);
        Assert.Equal(1, redactor.Counts[RedactionRule.Phone]);
        var bytes = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(database)) + sample + schema;
        foreach (var value in new[] { canary.Name, canary.Email, canary.Phone, other.Email, other.Phone })
            Assert.DoesNotContain(value, bytes);
        var users = JsonNode.Parse(sample)!["users"]!;
        Assert.Equal(2, users["rows"]!.GetValue<long>());
        Assert.EndsWith("@example.invalid", users["sample"]![0]!["email"]!.GetValue<string>());
        Assert.StartsWith("+1-555-", users["sample"]![0]!["phone"]!.GetValue<string>());
        Assert.Equal(2 + 3 + 2, rows);
        Assert.Contains("CREATE TABLE users", schema);
    }
}
