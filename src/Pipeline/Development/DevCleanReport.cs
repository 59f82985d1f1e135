using Pipeline.Output;

namespace Pipeline.Development;

/// <summary>What DevClean removed, by kind.</summary>
public sealed record DevCleanReport(IReadOnlyList<string> Containers, IReadOnlyList<string> Volumes, IReadOnlyList<string> Networks, IReadOnlyList<string> Images)
{
    /// <summary>True when there was nothing to remove.</summary>
    public bool IsEmpty => Containers.Count + Volumes.Count + Networks.Count + Images.Count == 0;

    /// <summary>One line per kind, or one line saying nothing was there.</summary>
    public void Write(TextWriter writer, string project)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IsEmpty)
        {
            writer.WriteLine($"Nothing to remove: no container, volume, network or development image of {project}.");
            return;
        }
        writer.WriteLine($"Removed from {project}:");
        Tables.Write(writer, ["", ""],
            new[] { ("containers", Containers), ("volumes", Volumes), ("networks", Networks), ("images", Images) }
                .Select(k => (IReadOnlyList<string>)[k.Item1, k.Item2.Count == 0 ? "-" : string.Join(", ", k.Item2)]),
            new TableOptions { ShowHeaders = false, Indent = 2, WrapLast = true });
    }
}
