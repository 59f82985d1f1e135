using Pipeline.GitHub.Actions;
using Pipeline.Machine;
using Pipeline.Tools;
using Serilog;

namespace Pipeline.Operations;

/// <summary>The tools the test suite needs: shellcheck, htpasswd, sshd (for the test servers), Node.js and the workflow checkers kept below <paramref name="rootDirectory"/>.</summary>
public sealed class TestTools(string rootDirectory, ILogger log)
{
    private ActionValidator WorkflowValidator => new(ActionValidator.DefaultDirectory(rootDirectory));

    private ActionLint WorkflowLint => new(ActionLint.DefaultDirectory(rootDirectory));

    /// <summary>True when a tool the test suite needs is missing.</summary>
    public bool Missing =>
        Executable.Find("shellcheck") is null || Executable.Find("htpasswd") is null || Executable.Find("sshd") is null || !WorkflowValidator.IsInstalled || !WorkflowLint.IsInstalled;

    /// <summary>Installs shellcheck, htpasswd, sshd, Node.js and the workflow checkers.</summary>
    public async Task InstallAsync(CancellationToken cancellationToken)
    {
        string[] node = Executable.Find("node") is null || Executable.Find("npm") is null ? ["nodejs", "npm"] : [];
        await MachineSetup.EnsurePackagesAsync(["shellcheck", "apache2-utils", "openssh-server", .. node], log, cancellationToken);
        await WorkflowValidator.InstallAsync(log, cancellationToken);
        await WorkflowLint.InstallAsync(log, cancellationToken);
    }
}
