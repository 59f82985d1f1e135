using System.Globalization;
using Pipeline.Environments;
using Pipeline.Output;

namespace Pipeline.Health;

/// <summary>What <see cref="HealthChecker"/> found in an environment on its last round of checks.</summary>
/// <param name="Environment">The environment name.</param>
/// <param name="Project">The Compose project.</param>
/// <param name="Rows">One row per container.</param>
/// <param name="Attempts">How many rounds ran.</param>
/// <param name="Elapsed">How long all rounds took.</param>
public sealed record HealthReport(string Environment, string Project, IReadOnlyList<ContainerHealth> Rows, int Attempts, TimeSpan Elapsed)
{
    private static readonly string[] Headers = ["Service", "Container", "State", "Docker health", "Restarts", "Port", "Health", "Ready", "Result"];

    /// <summary>Why the environment cannot be checked at all, such as nothing being deployed; null when it was checked.</summary>
    public string? Message { get; init; }

    /// <summary>True when there is at least one container and every one passed.</summary>
    public bool Healthy => Message is null && Rows.Count > 0 && Rows.All(r => r.Passed);

    /// <summary>Writes a table and a verdict; <paramref name="verbose"/> adds each container's id, image, labels, start time and last health probe.</summary>
    public void Write(TextWriter writer, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Message is not null)
        {
            writer.WriteLine($"{Environment} is NOT healthy: {Message}.");
            return;
        }
        Tables.Write(writer, Headers, Rows.Select(r => (IReadOnlyList<string>)
        [
            r.Container.Service, r.Container.Name, r.Container.State, r.Container.Health, r.Container.RestartCount.ToString(CultureInfo.InvariantCulture),
            r.Address is { } a ? $"{a.Host}:{a.Port}" : "-", $"{r.Health.Path} {r.Health}", $"{r.Ready.Path} {r.Ready}", r.Passed ? "OK" : "FAILED",
        ]));
        if (verbose)
            foreach (var row in Rows)
                WriteDetails(writer, row.Container);
        foreach (var row in Rows.Where(r => !r.Passed))
            writer.WriteLine($"  {row.Container.Name}: {row.Problem}");
        writer.WriteLine(Healthy
            ? $"{Environment} is healthy ({Rows.Count} container(s), {Attempts} check(s), {Elapsed.TotalSeconds:0.0} s)."
            : $"{Environment} is NOT healthy after {Attempts} check(s) in {Elapsed.TotalSeconds:0.0} s: {Rows.Count(r => !r.Passed)} of {Rows.Count} container(s) failed; read their logs with 'docker logs <container>'.");
    }

    private static void WriteDetails(TextWriter writer, ContainerStatus c)
    {
        writer.WriteLine($"{c.Name}:");
        writer.WriteLine($"  id          {c.Id}");
        writer.WriteLine($"  image       {c.Image}");
        writer.WriteLine($"  started at  {Tables.Time(c.StartedAt)}");
        foreach (var (key, value) in c.Labels)
            writer.WriteLine($"  label       {key}={value}");
        writer.WriteLine($"  last probe  {c.LastHealthLog ?? "-"}");
    }
}
