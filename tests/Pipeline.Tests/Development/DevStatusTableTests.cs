using Pipeline.Development;
using Pipeline.Environments;

namespace Pipeline.Tests.Development;

public sealed class DevStatusTableTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 25, 4, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(42, "42s")]
    [InlineData(185, "3m 05s")]
    [InlineData(7620, "2h 07m")]
    [InlineData(273600, "3d 04h")]
    [InlineData(-5, "0s")]
    public void Uptime_is_short(int seconds, string expected) => Assert.Equal(expected, DevStatusTable.Uptime(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void One_row_per_container_with_state_health_ports_uptime_restarts_and_image()
    {
        var running = Container("running", "healthy", Now.AddSeconds(-185), 2, [new PublishedPort("8080/tcp", "127.0.0.1", 8082)]);
        var text = Write(new EnvironmentStatus("development", "app-dev", [running]));

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Development environment (Compose project app-dev):", lines[0]);
        Assert.Matches(@"^Service\s+State\s+Health\s+Ports\s+Uptime\s+Restarts\s+Image$", lines[1]);
        Assert.Matches(@"^app\s+running\s+healthy\s+127\.0\.0\.1:8082->8080/tcp\s+3m 05s\s+2\s+app:dev$", lines[3]);
    }

    [Fact]
    public void A_stopped_container_has_no_uptime_and_an_empty_project_says_how_to_start()
    {
        Assert.Matches(@"app\s+exited\s+none\s+-\s+-\s+0\s+app:dev", Write(new("development", "app-dev", [Container("exited", "none", Now.AddHours(-1), 0, [])])));
        Assert.Equal("The development environment is not running (Compose project app-dev): ./build.sh DevStart starts it.\n", Write(new("development", "app-dev", [])).ReplaceLineEndings("\n"));
    }

    static string Write(EnvironmentStatus status)
    {
        using var writer = new StringWriter();
        DevStatusTable.Write(writer, status, Now);
        return writer.ToString();
    }

    static ContainerStatus Container(string state, string health, DateTimeOffset started, long restarts, IReadOnlyList<PublishedPort> ports) =>
        new("app", "0123456789abcdef", "app-dev_app_1", state, health, restarts, 0, "app:dev", new Dictionary<string, string>(), ports, started, null);
}
