using Pipeline.Compose;
using Pipeline.Tools;

namespace Pipeline.Machine;

/// <summary>The <see cref="Doctor"/> rows for the command-line tools.</summary>
internal static class ToolChecks
{
    public static async Task<PrerequisiteCheck> DotnetAsync(CancellationToken ct) =>
        await ToolProbe.FirstLineAsync("dotnet", ["--version"], ct) is { Length: > 0 } version
            ? PrerequisiteCheck.Ok(".NET SDK", version)
            : PrerequisiteCheck.Missing(".NET SDK", null, "Install the .NET SDK version named in global.json from https://dotnet.microsoft.com/download", "'dotnet --version' failed");

    public static async Task<PrerequisiteCheck> GitAsync(CancellationToken ct) =>
        await ToolProbe.FirstLineAsync("git", ["--version"], ct) is { Length: > 0 } line
            ? PrerequisiteCheck.Ok("git", line.Replace("git version ", "", StringComparison.Ordinal))
            : PrerequisiteCheck.Missing("git", null, "apt-get install -y git (as root; elsewhere: https://git-scm.com/downloads)", "'git --version' failed");

    public static async Task<PrerequisiteCheck> ComposeAsync(CancellationToken ct) =>
        await ComposeTool.DetectAsync(ct) is { } compose
            ? PrerequisiteCheck.Ok("Compose", $"{compose.Version} ({(compose.IsPlugin ? "docker compose plugin" : "docker-compose v1")})", compose.CommandLine)
            : PrerequisiteCheck.Missing("Compose", null, Fixes.SetupOrApt("docker-compose"), "neither 'docker compose version' (v2 plugin) nor 'docker-compose version' (v1) works");

    public static async Task<PrerequisiteCheck> BusyboxAsync(CancellationToken ct)
    {
        var fix = Fixes.SetupOrApt("busybox-static");
        if ((File.Exists("/bin/busybox") ? "/bin/busybox" : Executable.Find("busybox")) is not { } path)
            return PrerequisiteCheck.Missing("busybox-static", null, fix, "no /bin/busybox and no busybox on PATH");
        var version = (await ToolProbe.FirstLineAsync(path, [], ct))?.Split(' ').FirstOrDefault(w => w.StartsWith('v'))?.TrimStart('v');
        return ElfFile.IsStatic(path)
            ? PrerequisiteCheck.Ok("busybox-static", version, path)
            : PrerequisiteCheck.Missing("busybox-static", version, fix, $"{path} is dynamically linked; images built FROM scratch need the static one");
    }

    public static async Task<PrerequisiteCheck> DebootstrapAsync(CancellationToken ct) =>
        Executable.Find("debootstrap") is { } path && await ToolProbe.FirstLineAsync(path, ["--version"], ct) is { } line
            ? PrerequisiteCheck.Ok("debootstrap", line.Replace("debootstrap ", "", StringComparison.Ordinal), path)
            : PrerequisiteCheck.Missing("debootstrap", null, Fixes.SetupOrApt("debootstrap"), "debootstrap is not installed");
}
