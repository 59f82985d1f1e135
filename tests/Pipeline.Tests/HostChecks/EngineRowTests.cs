using Pipeline.Machine;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.HostChecks;

/// <summary>The machine's engine row comes from the Engine API the pipeline uses, never from the docker CLI (which reached ssh:// engines the pipeline could not).</summary>
public sealed class EngineRowTests
{
    [Fact]
    public async Task An_ssh_DOCKER_HOST_fails_the_engine_row_with_how_to_name_the_server_as_a_host()
    {
        var options = new MachineOptions(TestMachine.RepositoryRoot) { DockerHost = "ssh://root@127.0.0.1:1" };

        var report = await Pipeline.Machine.Doctor.CheckAsync(options, CancellationToken.None);

        var engine = Assert.Single(report.Checks, c => c.Name == "Docker engine");
        Assert.Equal(CheckStatus.Missing, engine.Status);
        Assert.StartsWith("ssh://root@127.0.0.1:1: Docker endpoints using SSH are not supported", engine.Detail);
        Assert.Contains("Unset DOCKER_HOST", engine.Fix);
        Assert.Contains("./build.sh Doctor --environment NAME", engine.Fix);
        Assert.False(report.RequiredSatisfied);
    }
}
