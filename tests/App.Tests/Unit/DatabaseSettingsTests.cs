using App.Data.Postgres;
using App.Hosting;

namespace App.Tests.Unit;

public sealed class DatabaseSettingsTests
{
    static Func<string, string?> Read(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Without_a_connection_string_the_app_runs_on_sqlite_in_the_all_role()
    {
        var settings = AppSettings.From(Read(), "/tmp");

        Assert.Null(settings.Postgres);
        Assert.Equal(AppRole.All, settings.Role);
        Assert.Equal(4, settings.LocalWorkers);
    }

    [Fact]
    public void A_connection_string_selects_postgres_and_its_text_names_no_password()
    {
        var settings = AppSettings.From(Read((PostgresConnection.Key, "Host=db;Username=app;Password=hunter2-secret;Database=shop"), ("APP_ROLE", "Web")), "/tmp");

        Assert.Equal("postgres://app@db:5432/shop", settings.Postgres!.ToString());
        Assert.DoesNotContain("hunter2-secret", settings.ToString());
        Assert.Equal((AppRole.Web, 0), (settings.Role, settings.LocalWorkers));
    }

    [Theory]
    [InlineData("not a connection string; Password=hunter2-secret")]
    [InlineData("Port=5432;Password=hunter2-secret")]
    [InlineData("Host=db;Bogus=1;Password=hunter2-secret")]
    public void A_bad_connection_string_stops_the_start_naming_the_variable_but_not_the_password(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AppSettings.From(Read((PostgresConnection.Key, text)), "/tmp"));

        Assert.Contains(PostgresConnection.Variable, error.Message);
        Assert.DoesNotContain("hunter2-secret", error.Message);
    }

    [Theory]
    [InlineData("web")]
    [InlineData("worker")]
    public void Web_and_worker_roles_need_postgres(string role)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AppSettings.From(Read(("APP_ROLE", role)), "/tmp"));

        Assert.Contains($"APP_ROLE={role} needs Postgres: set ConnectionStrings__Postgres", error.Message);
    }

    [Fact]
    public void An_unknown_role_names_the_choices_and_a_worker_needs_at_least_one_thread()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => AppSettings.From(Read(("APP_ROLE", "cron")), "/tmp"));
        var idle = Assert.Throws<InvalidOperationException>(() => AppSettings.From(Read(("APP_ROLE", "worker"), (PostgresConnection.Key, "Host=db"), ("WORKER_THREADS", "0")), "/tmp"));

        Assert.Contains("APP_ROLE must be all, web or worker, not 'cron'", unknown.Message);
        Assert.Contains("WORKER_THREADS must be a whole number from 1 to 64", idle.Message);
    }
}
