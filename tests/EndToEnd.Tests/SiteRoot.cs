namespace EndToEnd.Tests;

/// <summary>
/// A private root for a test's runs (<c>--root</c>): a git clone of this checkout with the working tree's <c>deploy/</c> and
/// <c>.nuke/parameters*.json</c> copied over. Everything a run keeps under its root (the audit log, locks, backups, artifacts,
/// logs, snapshots, work files) lands there, never in the checkout; the rollback tags go to the clone and its bare origin.
/// </summary>
public static class SiteRoot
{
    /// <summary>Creates the root at <paramref name="directory"/>, which must not exist yet.</summary>
    public static async Task CreateAsync(string directory)
    {
        await DeliverySite.Git(Path.GetDirectoryName(directory)!, "clone", "--quiet", BuildScript.Root, directory);
        CopyFolder(Path.Combine(BuildScript.Root, "deploy"), Path.Combine(directory, "deploy"));
        foreach (var file in Directory.GetFiles(Path.Combine(BuildScript.Root, ".nuke"), "parameters*.json"))
            File.Copy(file, Path.Combine(directory, ".nuke", Path.GetFileName(file)), overwrite: true);
    }

    static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
