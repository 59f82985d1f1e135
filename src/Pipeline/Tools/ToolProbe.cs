namespace Pipeline.Tools;

/// <summary>Runs a tool to learn whether it exists and what it prints, with a time limit so checks never hang.</summary>
internal static class ToolProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>The tool's result, or null when it is not installed or did not finish in time.</summary>
    public static async Task<ToolResult?> TryRunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        try
        {
            return await new ExternalTool(fileName).RunAsync(arguments, timeout.Token);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The first line a successful run printed (stdout, else stderr); null when it failed or is absent.</summary>
    public static async Task<string?> FirstLineAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        await TryRunAsync(fileName, arguments, cancellationToken) is { Succeeded: true } result
            ? FirstLine(result.StandardOutput) ?? FirstLine(result.StandardError) ?? ""
            : null;

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
