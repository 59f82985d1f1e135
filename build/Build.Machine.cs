using Pipeline.Machine;
using Pipeline.Operations;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Folder for the local registry's storage, outside the checkout")] readonly string RegistryData = MachineOptions.DefaultRegistryDataDirectory;

    MachineOperations Machine => new(Run, new MachineOptions(RootDirectory, RegistryAddress, RegistryData) { IsCI = IsServerBuild, Proxy = Delivery.Proxy });

    TestTools TestTools => new(RootDirectory, Log.Logger);

    Target Doctor => _ => _
        .Description("Check every prerequisite and print its version, status and the exact fix")
        .Executes(ct => Machine.DoctorAsync(ct));

    Target Setup => _ => _
        .Description("Install and start what the pipeline needs: Docker engine, Compose, registry, busybox, debootstrap")
        .Executes(ct => Machine.SetupAsync(ct));

    Target SetupTestTools => _ => _
        .Unlisted()
        .Description("Install the tools the test suite needs (shellcheck, htpasswd, Node.js and the workflow checkers)")
        .OnlyWhenDynamic(() => TestTools.Missing)
        .Executes(ct => TestTools.InstallAsync(ct));
}
