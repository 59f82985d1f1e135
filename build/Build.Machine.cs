using Pipeline.GitHub.Actions;
using Pipeline.Machine;
using Pipeline.Tools;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Folder for the local registry's storage, outside the checkout")]
    readonly string RegistryData = MachineOptions.DefaultRegistryDataDirectory;

    MachineOptions Machine => new(RootDirectory, RegistryAddress, RegistryData) { IsCI = IsServerBuild };

    Target Doctor => _ => _
        .Description("Check every prerequisite and print its version, status and the exact fix")
        .Executes(async ct =>
        {
            var report = await Pipeline.Machine.Doctor.CheckAsync(Machine, ct);
            Print(w => report.Write(w));
            if (!report.RequiredSatisfied)
                throw new BuildException($"Some required prerequisites are missing; run the fixes shown above (usually '{Pipeline.Commands.Setup}' as root).");
        });

    Target Setup => _ => _
        .Description("Install and start what the pipeline needs: Docker engine, Compose, registry, busybox, debootstrap")
        .Executes(async ct =>
        {
            var result = await MachineSetup.RunAsync(Machine, Log.Logger, ct);
            if (result.ChangedNothing)
                Log.Information("Nothing to do: packages installed, engine and registry answering");
            ReportSummary("", result.ChangedNothing ? "nothing to do" : string.Join(", ", result.Changes));
        });

    ActionValidator WorkflowValidator => new(ActionValidator.DefaultDirectory(RootDirectory));

    ActionLint WorkflowLint => new(ActionLint.DefaultDirectory(RootDirectory));

    Target SetupTestTools => _ => _
        .Unlisted()
        .Description("Install the tools the test suite needs (shellcheck, htpasswd, Node.js and the workflow checkers)")
        .OnlyWhenDynamic(() => Executable.Find("shellcheck") is null || Executable.Find("htpasswd") is null || !WorkflowValidator.IsInstalled || !WorkflowLint.IsInstalled)
        .Executes(async ct =>
        {
            string[] node = Executable.Find("node") is null || Executable.Find("npm") is null ? ["nodejs", "npm"] : [];
            await MachineSetup.EnsurePackagesAsync(["shellcheck", "apache2-utils", .. node], Log.Logger, ct);
            await WorkflowValidator.InstallAsync(Log.Logger, ct);
            await WorkflowLint.InstallAsync(Log.Logger, ct);
        });
}
