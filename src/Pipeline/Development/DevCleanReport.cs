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
        foreach (var (kind, names) in new[] { ("containers", Containers), ("volumes", Volumes), ("networks", Networks), ("images", Images) })
            writer.WriteLine($"  {kind,-11}{(names.Count == 0 ? "-" : string.Join(", ", names))}");
    }
}
