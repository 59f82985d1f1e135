using Pipeline.Machine;
using Pipeline.Operations;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Folder for the local registry's storage, outside the checkout")] readonly string RegistryData = MachineOptions.DefaultRegistryDataDirectory;

    MachineOperations Machine => new(Run, new MachineOptions(RootDirectory, RegistryAddress, RegistryData)
    {
        IsCI = IsServerBuild,
        Proxy = Pipeline.Proxy.ProxyOptions.Named(ProxyName, ProxyApiPort),
        Ssh = new Pipeline.Hosts.SshOptions(SshConfig),
        ParallelHosts = ParallelHosts,
    });

    TestTools TestTools => new(RootDirectory, Log.Logger);

    Target Doctor => _ => _
        .Description("Check every prerequisite and print its version, status and the exact fix; with --environment, also every host of it (SSH, engine, disk, proxy, registry)")
        .Requires(() => EnvironmentParameter == null || EnvironmentsValid, "a valid deploy/environments.json and an --environment it defines")
        .Executes(ct => Machine.DoctorAsync(EnvironmentParameter is null ? null : Typed(EnvironmentParameter), ct));

    Target Setup => _ => _
        .Description("Install and start what the pipeline needs: Docker engine, Compose, registry, busybox, debootstrap")
        .Executes(ct => Machine.SetupAsync(ct));

    Target SetupTestTools => _ => _
        .Unlisted()
        .Description("Install the tools the test suite needs (shellcheck, htpasswd, Node.js and the workflow checkers)")
        .OnlyWhenDynamic(() => TestTools.Missing)
        .Executes(ct => TestTools.InstallAsync(ct));
}
