using Pipeline.Tools;

namespace Pipeline.Images.Base;

/// <summary>Removes a debootstrap target safely: anything a failed run left mounted inside it is unmounted first.</summary>
internal static class RootfsDirectory
{
    public static async Task RemoveAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
            return;
        foreach (var mount in MountsUnder(directory).OrderByDescending(m => m.Length))
            await new ExternalTool("umount").RunAsync(["-l", mount], cancellationToken);
        await new ExternalTool("rm").RunCheckedAsync(["-rf", "--one-file-system", directory], cancellationToken);
    }

    static List<string> MountsUnder(string directory)
    {
        var root = Path.GetFullPath(directory).TrimEnd('/') + "/";
        return File.Exists("/proc/self/mounts")
            ? File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 1)
                .Select(f => f[1].Replace("\\040", " ")).Where(m => m.StartsWith(root, StringComparison.Ordinal)).ToList()
            : [];
    }
}
