using Pipeline.Data;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data;

public sealed class SanitizerTests : IDisposable
{
    readonly string folder = TestMachine.TempDirectory("sanitize");
    static readonly string ShippedRules = Path.Combine(TestMachine.RepositoryRoot, "deploy", "sanitize.json");

    public void Dispose() => TestMachine.Delete(folder);

    static Task<SanitizationReport> SanitizeAsync(string file, string salt = "test-salt", SanitizationRules? rules = null) =>
        new Sanitizer(rules ?? SanitizationRules.Load(ShippedRules), salt).SanitizeAsync(file, CancellationToken.None);

    [Fact]
    public async Task Canaries_never_appear_in_the_sanitized_file_not_even_in_deleted_pages()
    {
        var canaries = Enumerable.Range(0, 3).Select(_ => SampleUser.Canary()).ToList();
        var deleted = SampleUser.Canary();
        var path = SampleDatabase.Create(folder, [.. canaries, deleted]);
        SampleDatabase.Execute(path, "DELETE FROM users WHERE email = $e", ("$e", deleted.Email));
        Assert.True(SampleDatabase.Contains(path, deleted.Email), "the deleted row should still be in a free page before sanitizing, or this test proves nothing");

        var report = await SanitizeAsync(path);

        foreach (var canary in canaries.Append(deleted))
            foreach (var value in new[] { canary.Email, canary.Phone, canary.Name, canary.Email.Split('@')[0] })
                Assert.False(SampleDatabase.Contains(path, value), $"'{value}' is still in the sanitized file");
        Assert.Equal(3, SampleDatabase.Count(path, "users"));
        Assert.Equal(4, SampleDatabase.Count(path, "jobs"));
        Assert.Equal(3, report.Values[RuleKind.Email]);
        Assert.Equal(3, report.Values[RuleKind.Phone]);
        Assert.Equal(3, report.Values[RuleKind.Name]);
        Assert.Equal(8, report.Values[RuleKind.Text]);
        Assert.Equal(["jobs", "schema_version", "users"], report.Tables);
        Assert.Empty(report.ColumnsWithoutRule);
        Assert.All(SampleDatabase.Rows(path, "SELECT email, phone, name FROM users"), r =>
        {
            Assert.Matches("^user-[0-9a-f]{8}@example\\.invalid$", (string)r[0]!);
            Assert.Matches("^\\+1-555-[0-9]{3}-[0-9]{4}$", (string)r[1]!);
            Assert.Matches("^[A-Z][a-z]+ [A-Z][a-z]+$", (string)r[2]!);
        });
    }

    [Fact]
    public async Task The_same_value_gets_the_same_fake_across_rows_and_tables_and_another_salt_gives_another()
    {
        var (shared, other) = (SampleUser.Canary(), SampleUser.Canary());
        const string extra = "CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_email TEXT, note TEXT);";
        var rules = SanitizationRules.Parse(File.ReadAllText(ShippedRules).Replace("\"tables\": {", "\"tables\": { \"orders\": { \"id\": \"keep\", \"customer_email\": \"email\", \"note\": \"drop\" },"), "test rules");
        string[] Sanitized(string salt)
        {
            var path = SampleDatabase.Create(Directory.CreateDirectory(Path.Combine(folder, Guid.NewGuid().ToString("N"))).FullName, [shared, shared, other], extraSql: extra);
            SampleDatabase.Execute(path, "INSERT INTO orders(customer_email, note) VALUES ($e, 'call me'), ($e, NULL)", ("$e", shared.Email));
            SanitizeAsync(path, salt, rules).GetAwaiter().GetResult();
            Assert.All(SampleDatabase.Rows(path, "SELECT note FROM orders"), r => Assert.Null(r[0]));
            return [.. SampleDatabase.Rows(path, "SELECT email FROM users ORDER BY id").Concat(SampleDatabase.Rows(path, "SELECT customer_email FROM orders ORDER BY id")).Select(r => (string)r[0]!)];
        }

        var first = Sanitized("salt-one");
        Assert.Equal(first[0], first[1]);
        Assert.NotEqual(first[0], first[2]);
        Assert.Equal(first[0], first[3]);
        Assert.Equal(first[0], first[4]);
        Assert.Equal(first, Sanitized("salt-one"));
        Assert.NotEqual(first[0], Sanitized("salt-two")[0]);
    }
}
