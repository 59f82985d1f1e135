using Pipeline.Compose;
using Pipeline.Tools;
using Serilog;

namespace Pipeline.Machine;

/// <summary>Finds which Debian packages are missing and installs them with apt-get, never prompting.</summary>
internal static class AptPackages
{
    private static readonly Dictionary<string, Func<CancellationToken, Task<bool>>> ProvidedOtherwise = new()
    {
        ["docker.io"] = _ => Task.FromResult(Executable.Find("dockerd") is not null && Executable.Find("docker") is not null),
        ["docker-compose"] = async ct => await ComposeTool.DetectAsync(ct) is not null,
        ["docker-registry"] = _ => Task.FromResult(Executable.Find("docker-registry") is not null),
        ["busybox-static"] = async ct => (await ToolChecks.BusyboxAsync(ct)).Status == CheckStatus.Ok,
        ["debootstrap"] = _ => Task.FromResult(Executable.Find("debootstrap") is not null),
    };

    /// <summary>The apt-get line that installs <paramref name="packages"/>, as a user would type it.</summary>
    public static string CommandLine(IEnumerable<string> packages) =>
        $"apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dpkg::Options::=--force-confold {string.Join(' ', packages)}";

    /// <summary>
    /// The packages dpkg does not list as installed and whose programs are not on the machine either, so an engine
    /// installed another way (docker-ce, moby-engine) or the Compose v2 plugin is never replaced.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(IEnumerable<string> packages, CancellationToken ct)
    {
        var wanted = packages.ToList();
        var installed = await InstalledAsync(wanted, ct);
        var missing = new List<string>();
        foreach (var package in wanted.Where(p => !installed.Contains(p)))
            if (!(ProvidedOtherwise.TryGetValue(package, out var provided) && await provided(ct)))
                missing.Add(package);
        return missing;
    }

    /// <summary>Runs <c>apt-get update</c> once, then installs <paramref name="packages"/> non-interactively; with sudo when not root.</summary>
    public static async Task InstallAsync(IReadOnlyList<string> packages, bool useSudo, ILogger log, CancellationToken ct)
    {
        string[] prefix = useSudo ? ["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"] : [];
        var apt = new ExternalTool(useSudo ? "sudo" : "apt-get").WithEnvironment("DEBIAN_FRONTEND", "noninteractive").WithLog(log);
        log.Information("Updating the package lists: apt-get update");
        if (!(await apt.RunAsync([.. prefix, "update", "-q"], ct)).Succeeded)
            log.Warning("apt-get update failed; trying to install from the package lists already on this machine");
        log.Information("Installing {Packages}", packages);
        try
        {
            await apt.RunCheckedAsync([.. prefix, "install", "-y", "-q", "-o", "Dpkg::Options::=--force-confold", .. packages], ct);
        }
        catch (InvalidOperationException e)
        {
            throw new MachineSetupException($"Installing {string.Join(", ", packages)} failed. Run it by hand as root to see why: {CommandLine(packages)}\n{e.Message}", e);
        }
    }

    /// <summary>Which of <paramref name="packages"/> dpkg lists as installed: one <c>dpkg-query</c> for all (it exits non-zero when one is unknown, and still lists the others).</summary>
    private static async Task<HashSet<string>> InstalledAsync(List<string> packages, CancellationToken ct) =>
        packages.Count == 0 || await ToolProbe.TryRunAsync("dpkg-query", ["-W", "-f=${Package} ${Status}\n", .. packages], ct) is not { } result
            ? []
            : [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.EndsWith(" ok installed", StringComparison.Ordinal))
                .Select(line => line.Split(' ')[0].Split(':')[0])];
}
