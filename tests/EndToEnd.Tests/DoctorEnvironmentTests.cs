using System.Net;
using System.Net.Sockets;

namespace EndToEnd.Tests;

/// <summary>
/// <c>Doctor --environment E</c> through the real <c>./build.sh</c>: one row per host of E, a host that cannot be reached fails its row with
/// the fix while this machine's row still shows, and the run exits non-zero naming the host.
/// </summary>
public sealed class DoctorEnvironmentTests : IDisposable
{
    readonly DirectoryInfo root = Directory.CreateTempSubdirectory("doctor-root-");

    public DoctorEnvironmentTests()
    {
        Directory.CreateDirectory(Path.Combine(root.FullName, ".nuke"));
        File.Copy(Path.Combine(BuildScript.Root, ".nuke", "parameters.json"), Path.Combine(root.FullName, ".nuke", "parameters.json"));
        Directory.CreateDirectory(Path.Combine(root.FullName, "deploy"));
        foreach (var file in Directory.GetFiles(Path.Combine(BuildScript.Root, "deploy"), "compose*.yaml"))
            File.Copy(file, Path.Combine(root.FullName, "deploy", Path.GetFileName(file)));
    }

    public void Dispose() => root.Delete(recursive: true);

    [Fact]
    public async Task A_host_nothing_answers_on_fails_its_row_with_the_fix_beside_this_machines_row_and_the_run_names_it()
    {
        var sshConfig = Path.Combine(root.FullName, "ssh_config");
        File.WriteAllText(sshConfig, $"Host doctor-down\n  HostName 127.0.0.1\n  Port {ClosedPort()}\n  BatchMode yes\n  UserKnownHostsFile /dev/null\n");
        File.WriteAllText(Path.Combine(root.FullName, "deploy", "environments.json"), """{ "environments": { "fleet": { "hosts": ["local", "ssh://doctor-down"], "port": 9191 } } }""");
        var proxy = "doctor-" + Guid.NewGuid().ToString("N")[..8];

        var run = await BuildScript.RunAsync("Doctor", "--environment", "fleet", "--ssh-config", sshConfig, "--proxy-name", proxy, "--root", root.FullName);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("All required prerequisites are satisfied.", run.Output);
        Assert.Contains("Hosts of fleet:", run.Output);
        Assert.Matches(@"\nlocal +- \(this machine\) +OK \S+ \(API 1\.\d+\) +(OK|WARNING) \d+\.\d GB free +OK not created yet +OK localhost:5000\n", run.Output);
        Assert.Matches(@"\ndoctor-down +FAILED unreachable +- +- +- +-\n", run.Output);
        Assert.Contains($"  doctor-down SSH: Cannot reach doctor-down over SSH", run.Output);
        Assert.Contains($"then check with 'ssh -F {sshConfig} doctor-down true'", run.Output);
        Assert.Contains("fleet is not ready on doctor-down", run.Output);
    }

    [Fact]
    public async Task Without_environment_Doctor_checks_this_machine_only()
    {
        var run = await BuildScript.RunAsync("Doctor", "--root", root.FullName);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("All required prerequisites are satisfied.", run.Output);
        Assert.DoesNotContain("Hosts of", run.Output);
    }

    [Fact]
    public async Task An_environment_that_is_not_defined_stops_before_any_check()
    {
        var run = await BuildScript.RunAsync("Doctor", "--environment", "nope", "--root", root.FullName);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--environment 'nope' is not defined: use one of staging, production", run.Output);
        Assert.DoesNotContain("=== Doctor", run.Output);
    }

    static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
