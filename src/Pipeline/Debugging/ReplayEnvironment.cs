namespace Pipeline.Debugging;

/// <summary>The environment a replay passes: the snapshot's, minus masked values and minus what the debug image sets itself.</summary>
public static class ReplayEnvironment
{
    /// <summary>
    /// Entries of <paramref name="snapshot"/> to pass: a value that holds <see cref="ValueRedactor.Mask"/> is omitted (and
    /// named in <c>Omitted</c>), and a variable the image defines is left to the image (so <c>DEBUG_MODE</c>, <c>PATH</c>,
    /// <c>APP_VERSION</c> and the debug log level come from the debug image, not from production's image).
    /// </summary>
    public static (IReadOnlyList<string> Pass, IReadOnlyList<string> Omitted) From(IReadOnlyList<string> snapshot, IEnumerable<string> image)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var imageNames = image.Select(NameOf).ToHashSet(StringComparer.Ordinal);
        var pass = new List<string>();
        var omitted = new List<string>();
        foreach (var entry in snapshot)
        {
            var name = NameOf(entry);
            if (name.Length == 0 || imageNames.Contains(name))
                continue;
            if (entry.Contains(ValueRedactor.Mask, StringComparison.Ordinal))
                omitted.Add(name);
            else
                pass.Add(entry);
        }
        return (pass, omitted);
    }

    static string NameOf(string entry) => entry.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? entry[..at] : "";
}
