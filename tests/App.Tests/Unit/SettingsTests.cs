using App.Hosting;
using App.Tests.Support;

namespace App.Tests.Unit;

public sealed class SettingsTests
{
    static Func<string, string?> Read(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Defaults_are_four_workers_port_8080_five_seconds_grace_and_text_logs()
    {
        using var root = new TempDirectory();

        var settings = AppSettings.From(Read(("DATA_DIR", root.Path)), root.Path);

        Assert.Equal(4, settings.WorkerThreads);
        Assert.Equal(8080, settings.Port);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ShutdownGrace);
        Assert.False(settings.JsonLogs);
        Assert.Equal(Path.Combine(root.Path, "app.db"), settings.DatabasePath);
    }

    [Fact]
    public void Values_are_read_from_the_variables()
    {
        var settings = AppSettings.From(Read(("WORKER_THREADS", "2"), ("PORT", "9090"), ("LOG_FORMAT", "JSON"), ("JOB_SHUTDOWN_GRACE_SECONDS", "1")), "/tmp");

        Assert.Equal((2, 9090, true, TimeSpan.FromSeconds(1)), (settings.WorkerThreads, settings.Port, settings.JsonLogs, settings.ShutdownGrace));
    }

    [Theory]
    [InlineData("WORKER_THREADS", "many")]
    [InlineData("WORKER_THREADS", "-1")]
    [InlineData("PORT", "70000")]
    [InlineData("JOB_SHUTDOWN_GRACE_SECONDS", "60")]
    public void Bad_values_stop_the_start_naming_the_variable(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AppSettings.From(Read((name, value)), "/tmp"));

        Assert.Contains(name, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void Data_dir_prefers_the_variable_then_a_writable_container_folder_then_the_content_root()
    {
        using var root = new TempDirectory();
        using var container = new TempDirectory();

        Assert.Equal(Path.Combine(root.Path, "mine"), DataDirectory.Resolve("mine", root.Path, container.Path));
        Assert.Equal(container.Path, DataDirectory.Resolve(null, root.Path, container.Path));
        Assert.Equal(Path.Combine(root.Path, "data"), DataDirectory.Resolve("", root.Path, container.Combine("absent")));
    }

    [Theory]
    [InlineData(null, null, null, 8080)]
    [InlineData("9000", "http://+:8080", null, 9000)]
    [InlineData(null, "http://+:8081;http://127.0.0.1:9999", null, 8081)]
    [InlineData(null, "http://0.0.0.0:5005", null, 5005)]
    [InlineData(null, null, "7070", 7070)]
    public void Healthcheck_port_comes_from_PORT_then_the_urls(string? port, string? urls, string? httpPorts, int expected)
    {
        var environment = new Dictionary<string, string?> { ["PORT"] = port, ["ASPNETCORE_URLS"] = urls, ["ASPNETCORE_HTTP_PORTS"] = httpPorts };

        Assert.Equal(expected, HealthProbe.Port(environment));
    }

    [Fact]
    public void Version_falls_back_to_the_informational_version()
    {
        var mode = new RuntimeMode(false, false, false);

        var fromAssembly = VersionInfo.From(new Dictionary<string, string?>(), mode, "1.4.0+abcdef0");
        var fromEnvironment = VersionInfo.From(new Dictionary<string, string?> { ["APP_VERSION"] = "2.0.0", ["APP_COMMIT"] = "1234567" }, mode, "1.4.0+abcdef0");
        var nothing = VersionInfo.From(new Dictionary<string, string?>(), mode, null);

        Assert.Equal(("1.4.0", "abcdef0"), (fromAssembly.Version, fromAssembly.Commit));
        Assert.Equal(("2.0.0", "1234567"), (fromEnvironment.Version, fromEnvironment.Commit));
        Assert.Equal(("unknown", "unknown"), (nothing.Version, nothing.Commit));
        Assert.Equal(("production", "container-baked"), (nothing.Mode, nothing.CodeSource));
    }
}
