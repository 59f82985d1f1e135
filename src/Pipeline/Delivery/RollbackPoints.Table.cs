using Pipeline.Output;

namespace Pipeline.Delivery;

public sealed partial class RollbackPoints
{
    static readonly string[] Headers = ["Tag", "Time (UTC)", "Environment", "Version", "Commit", "Digest", "Backup", "Problem"];

    /// <summary>Writes <paramref name="points"/> as a table; <paramref name="backupExists"/> says whether a backup id is still on disk.</summary>
    public static void Write(TextWriter writer, IEnumerable<RollbackPoint> points, Func<string, bool> backupExists)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(backupExists);
        var rows = (points ?? []).ToList();
        if (rows.Count == 0)
        {
            writer.WriteLine("No rollback points yet: PromoteToProduction creates one before each deploy. " +
                "To see those made elsewhere: git fetch origin 'refs/tags/rollback-*:refs/tags/rollback-*'");
            return;
        }
        Tables.Write(writer, Headers, rows.Select(p => (IReadOnlyList<string>)
        [
            p.Tag, Tables.Time(p.Time), p.Manifest?.Environment ?? "-", p.Manifest?.Version ?? "-", Tables.Short(p.Manifest?.Commit, 7),
            Digests(p.Manifest), Backup(p.Manifest?.BackupId, backupExists), p.Problem ?? "",
        ]), new TableOptions { WrapLast = true });
    }

    static string Digests(RollbackManifest? manifest) => manifest is null || manifest.Images.Count == 0
        ? "-"
        : manifest.Images.Count == 1
            ? ShortDigest(manifest.Images.Values.First())
            : string.Join(", ", manifest.Images.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={ShortDigest(i.Value)}"));

    static string ShortDigest(string image) => Tables.Short(image.LastIndexOf('@') is var at and >= 0 ? image[(at + 1)..] : image, 19);

    static string Backup(string? id, Func<string, bool> exists) =>
        string.IsNullOrEmpty(id) ? "-" : exists(id) ? $"yes ({id})" : $"MISSING ({id})";
}
