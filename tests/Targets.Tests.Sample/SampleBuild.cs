using Targets;

/// <summary>A build for SignalTests: Long waits until cancelled; Release is assured and leaves a marker file.</summary>
sealed class SampleBuild : NukeBuild
{
    public const string StartedMarker = "LONG-TARGET-STARTED";

    public static int Main() => Execute<SampleBuild>(x => x.Long);

    [Parameter("Folder the Release target writes released.txt to (default: the root)")]
    readonly string? MarkerFolder = null;

    Target Long => _ => _
        .Description("Prints a marker line, then waits until Ctrl-C or SIGTERM")
        .Executes(async cancellationToken =>
        {
            Console.Out.WriteLine(StartedMarker);
            Console.Out.Flush();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });

    Target Release => _ => _
        .Description("Releases the lock: runs even after a failure or a cancellation")
        .AssuredAfterFailure()
        .Executes(() => File.WriteAllText(Path.Combine(MarkerFolder ?? RootDirectory, "released.txt"), "released"));
}
