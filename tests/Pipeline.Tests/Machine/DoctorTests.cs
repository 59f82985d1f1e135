using System.Diagnostics;
using Pipeline.Machine;
using Pipeline.Model;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Machine;

[Collection(MachineCollection.Name)]
public sealed class DoctorTests
{
    private static readonly string[] Names = [".NET SDK", "git", "Docker engine", "Compose", "Registry", "busybox-static", "debootstrap", "Disk space", "Edge proxy"];

    private static MachineOptions Options => new(TestMachine.RepositoryRoot);

    private static PrerequisiteCheck Row(DoctorReport report, string name) => Assert.Single(report.Checks, c => c.Name == name);

    [Fact]
    public async Task Engine_row_is_ok_with_server_and_api_version()
    {
        var report = await Doctor.CheckAsync(Options, CancellationToken.None);

        var engine = Row(report, "Docker engine");
        Assert.True(engine.Status == CheckStatus.Ok,
            $"The Docker engine at {Options.EngineEndpoint} must answer for this test ({engine.Detail}). Run './build.sh Setup' as root first.");
        Assert.Matches(@"^\S+ \(API 1\.\d+\)$", engine.Version);
        Assert.Null(engine.Fix);
    }

    [Fact]
    public async Task Compose_row_names_the_tool_it_found()
    {
        var report = await Doctor.CheckAsync(Options, CancellationToken.None);

        var compose = Row(report, "Compose");
        Assert.True(compose.Status == CheckStatus.Ok, $"No Compose tool found ({compose.Detail}). Run './build.sh Setup' as root first.");
        Assert.Matches(@"^\d+\.\d+\.\d+ \((docker compose plugin|docker-compose v1)\)$", compose.Version);
        Assert.Equal(compose.Version!.Contains("plugin") ? "docker compose" : "docker-compose", compose.Detail);
    }

    [Fact]
    public async Task Registry_row_matches_what_the_registry_answers()
    {
        var report = await Doctor.CheckAsync(Options, CancellationToken.None);
        var answer = await TestMachine.RegistryStatusAsync(Options.Registry.Value);

        var registry = Row(report, "Registry");
        Assert.Equal(answer is 200 or 401 ? CheckStatus.Ok : CheckStatus.Missing, registry.Status);
        Assert.Contains(Options.Registry.Value, registry.Version);
    }

    [Fact]
    public async Task Table_lists_every_prerequisite_with_the_column_headers()
    {
        var report = await Doctor.CheckAsync(Options, CancellationToken.None);
        using var text = new StringWriter();
        report.Write(text);

        Assert.Equal(Names, report.Checks.Select(c => c.Name));
        Assert.StartsWith("Prerequisite", text.ToString());
        foreach (var header in new[] { "Version", "Status", "Fix" })
            Assert.Contains(header, text.ToString().Split('\n')[0]);
        foreach (var name in Names)
            Assert.Contains(text.ToString().Split('\n'), line => line.StartsWith(name + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registry_at_an_unused_port_is_missing_with_a_fix_and_fails_the_requirements()
    {
        var registry = $"127.0.0.1:{TestMachine.FreePort()}";

        var report = await Doctor.CheckAsync(Options with { Registry = RegistryAddress.Parse(registry) }, CancellationToken.None);

        var row = Row(report, "Registry");
        Assert.Equal(CheckStatus.Missing, row.Status);
        Assert.True(row.Required);
        Assert.Contains("./build.sh Setup", row.Fix);
        Assert.Contains(registry, row.Fix);
        Assert.False(report.RequiredSatisfied);
    }

    [Fact]
    public async Task Engine_socket_that_does_not_exist_is_missing_at_once_with_the_start_command()
    {
        var socket = $"unix:///tmp/pipeline-tests-{Guid.NewGuid():N}/docker.sock";
        var watch = Stopwatch.StartNew();

        var report = await Doctor.CheckAsync(Options with { DockerHost = socket }, CancellationToken.None);

        var engine = Row(report, "Docker engine");
        Assert.Equal(CheckStatus.Missing, engine.Status);
        Assert.Contains($"dockerd -H {socket}", engine.Fix);
        Assert.Contains(socket, engine.Detail);
        Assert.False(report.RequiredSatisfied);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Doctor took {watch.Elapsed}");
    }

    [Fact]
    public async Task Tools_and_disk_rows_report_versions_on_a_prepared_machine()
    {
        var report = await Doctor.CheckAsync(Options, CancellationToken.None);

        foreach (var name in new[] { ".NET SDK", "git", "busybox-static", "debootstrap" })
        {
            var row = Row(report, name);
            Assert.True(row.Status == CheckStatus.Ok && row.Version is { Length: > 0 }, $"{name}: {row.Status} {row.Version} ({row.Detail}); fix: {row.Fix}");
        }
        Assert.Matches(@"^\d+\.\d GB free$", Row(report, "Disk space").Version);
    }
}
