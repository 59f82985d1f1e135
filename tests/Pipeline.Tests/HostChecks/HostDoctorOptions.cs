using Pipeline.Hosts;
using Pipeline.Machine;
using Pipeline.Model;
using Pipeline.Proxy;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.HostChecks;

/// <summary>What the host doctor tests share: options with a proxy name no other test uses, and an environment of given hosts.</summary>
static class HostDoctorOptions
{
    /// <summary>This machine's registry (localhost:5000), a proxy nobody created, and <paramref name="ssh"/>.</summary>
    public static MachineOptions With(SshOptions ssh) => new MachineOptions(TestMachine.RepositoryRoot) with
    {
        Ssh = ssh,
        Proxy = ProxyOptions.Named("hd" + Guid.NewGuid().ToString("N")[..8], TestMachine.FreePort()),
    };

    /// <summary>An environment named like a test's, on <paramref name="hosts"/>.</summary>
    public static DeployEnvironment Environment(params Host[] hosts) =>
        DeployEnvironment.Other("doctor" + Guid.NewGuid().ToString("N")[..6]) with { Hosts = hosts, Port = TestMachine.FreePort() };

    /// <summary>The report as printed.</summary>
    public static string Text(HostDoctorReport report)
    {
        using var writer = new StringWriter();
        report.Write(writer);
        return writer.ToString();
    }
}
