using Pipeline.Data;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data;

public sealed class SanitizationRefusalTests : IDisposable
{
    readonly string folder = TestMachine.TempDirectory("refuse");
    static readonly SanitizationRules Shipped = SanitizationRules.Load(Path.Combine(TestMachine.RepositoryRoot, "deploy", "sanitize.json"));

    public void Dispose() => TestMachine.Delete(folder);

    async Task<DataException> RefusedAsync(string extraSql, SanitizationRules? rules = null)
    {
        var path = SampleDatabase.Create(folder, [SampleUser.Canary()], extraSql: extraSql);
        var before = File.ReadAllBytes(path);
        var error = await Assert.ThrowsAsync<DataException>(() => new Sanitizer(rules ?? Shipped, "salt").SanitizeAsync(path, CancellationToken.None));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Contains("nothing was changed", error.Message);
        return error;
    }

    [Fact]
    public async Task An_unmapped_personal_column_of_a_listed_table_is_named_and_the_file_stays_byte_identical()
    {
        var error = await RefusedAsync("ALTER TABLE users ADD COLUMN home_address TEXT;");
        Assert.Contains("users.home_address looks personal but has no rule", error.Message);
    }

    [Fact]
    public async Task Personal_columns_of_tables_the_rules_do_not_mention_count_too()
    {
        var error = await RefusedAsync("CREATE TABLE contacts(id INTEGER PRIMARY KEY, mobileNumber TEXT, ClientIp TEXT, description TEXT);");
        Assert.Contains("contacts.mobileNumber", error.Message);
        Assert.Contains("contacts.ClientIp", error.Message);
        Assert.DoesNotContain("contacts.description", error.Message);
    }

    [Fact]
    public async Task Rules_for_a_table_or_column_that_does_not_exist_are_named()
    {
        var rules = SanitizationRules.Parse("""{ "tables": { "users": { "id": "keep", "name": "name", "email": "email", "phone": "phone", "mail": "email" }, "customers": { "id": "keep" } } }""", "test.json");
        var error = await RefusedAsync("", rules);
        Assert.Contains("column users.mail, which does not exist", error.Message);
        Assert.Contains("table 'customers', which the database does not have", error.Message);
    }

    [Fact]
    public async Task Without_any_salt_it_says_where_to_set_one()
    {
        var path = SampleDatabase.Create(folder, [SampleUser.Canary()]);
        var error = await Assert.ThrowsAsync<DataException>(() => new Sanitizer(Shipped, "").SanitizeAsync(path, CancellationToken.None));
        Assert.Contains("No salt", error.Message);
        Assert.Equal("file salt", SanitizationRules.Parse("""{ "salt": "file salt", "tables": {} }""", "x").Salt);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_a_clear_error()
    {
        var path = Path.Combine(folder, "app.db");
        File.WriteAllText(path, "this is not sqlite, just text that is long enough to be looked at as a header......");
        var error = await Assert.ThrowsAsync<DataException>(() => new Sanitizer(Shipped, "salt").SanitizeAsync(path, CancellationToken.None));
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("email", true)]
    [InlineData("user_email", true)]
    [InlineData("EmailAddress", true)]
    [InlineData("username", true)]
    [InlineData("firstName", true)]
    [InlineData("zipcode", true)]
    [InlineData("date_of_birth", true)]
    [InlineData("DOB", true)]
    [InlineData("client_ip", true)]
    [InlineData("IPAddress", true)]
    [InlineData("credit_card_number", true)]
    [InlineData("iban", true)]
    [InlineData("description", false)]
    [InlineData("shipped_at", false)]
    [InlineData("created_at", false)]
    [InlineData("payload", false)]
    [InlineData("status", false)]
    [InlineData("duration_ms", false)]
    public void Personal_looking_names_are_recognised_as_word_parts(string column, bool personal) =>
        Assert.Equal(personal, Sanitizer.IsPersonalLooking(column));
}
