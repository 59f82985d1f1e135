using Pipeline.Data.Postgres;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data.Postgres;

public sealed class PostgresImageTests
{
    [Fact]
    public async Task A_container_of_the_image_initialises_the_database_and_answers_on_its_published_port()
    {
        await using var postgres = await PostgresContainer.StartAsync("image");

        var version = await postgres.ScalarAsync<string>("SHOW server_version");
        var database = await postgres.ScalarAsync<string>("SELECT current_database()");

        Assert.StartsWith(PostgresImage.PostgresVersion + ".", version);
        Assert.Equal(PostgresContainer.Database, database);
        Assert.StartsWith("local/postgres:15-", PostgresImage.Tag);
    }
}
