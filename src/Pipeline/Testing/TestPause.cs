using Serilog;

namespace Pipeline.Testing;

/// <summary>
/// A pause at a named point of the pipeline, for tests that must act at an exact moment (e.g. Ctrl-C while the lock is held):
/// with <c>PIPELINE_TEST_PAUSE=&lt;point&gt;</c> and <c>PIPELINE_TEST_PAUSE_MARKER=&lt;file&gt;</c> set, reaching that point
/// writes the marker file (the process id) and waits until the test removes the marker (the run goes on) or cancels the run, at most
/// <see cref="Longest"/>. Unset, it does nothing.
/// </summary>
public static class TestPause
{
    /// <summary>The variable naming the point to pause at.</summary>
    public const string PointVariable = "PIPELINE_TEST_PAUSE";

    /// <summary>The variable naming the marker file written on arrival.</summary>
    public const string MarkerVariable = "PIPELINE_TEST_PAUSE_MARKER";

    /// <summary>The points this process paused at already: each pauses once (a rollback passes the same point again).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> ReachedPoints = new(StringComparer.Ordinal);

    /// <summary>The longest pause: a test that never signals does not hang the pipeline.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    /// <summary>Pauses at <paramref name="point"/> when asked to, until the marker is removed; throws <see cref="OperationCanceledException"/> when cancelled there.</summary>
    public static async Task AtAsync(string point, ILogger log, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(PointVariable) != point || !ReachedPoints.TryAdd(point, true))
            return;
        var marker = Environment.GetEnvironmentVariable(MarkerVariable);
        if (string.IsNullOrEmpty(marker))
            throw new InvalidOperationException($"{PointVariable}={point} needs {MarkerVariable}=<file> to say where the pause is reached.");
        log.Warning("Test pause at {Point}: waiting for a signal (at most {Longest})", point, Longest);
        var written = marker + ".tmp";
        await File.WriteAllTextAsync(written, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        File.Move(written, marker, overwrite: true);
        if (!await Docker.Poll.UntilTrueAsync(_ => Task.FromResult(!File.Exists(marker)), new Docker.PollOptions(TimeSpan.FromMilliseconds(50), Longest), cancellationToken))
            log.Warning("Test pause at {Point}: nobody removed {Marker} within {Longest}; going on", point, marker, Longest);
    }
}
