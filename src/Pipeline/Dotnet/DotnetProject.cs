using Pipeline.Tools;
using Serilog;

namespace Pipeline.Dotnet;

/// <summary>A compile or publish of the service failed; the message lists the compiler errors.</summary>
public sealed class CompileException(string message) : Exception(message);

/// <summary>Compiles and publishes the service's .NET project on the host.</summary>
public sealed record DotnetProject(string ProjectPath, string Configuration)
{
    /// <summary>Compiles the project; throws <see cref="CompileException"/> listing the errors.</summary>
    public Task BuildAsync(ILogger log, CancellationToken cancellationToken) =>
        RunAsync("build", ["-c", Configuration], log, cancellationToken);

    /// <summary>Publishes into <paramref name="output"/> after emptying it, so nothing stale reaches an image.</summary>
    public Task PublishAsync(string output, ILogger log, CancellationToken cancellationToken)
    {
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
        return RunAsync("publish", ["-c", Configuration, "-o", output], log, cancellationToken);
    }

    async Task RunAsync(string verb, IReadOnlyList<string> extra, ILogger log, CancellationToken cancellationToken)
    {
        if (!File.Exists(ProjectPath))
            throw new CompileException($"No project at {ProjectPath}. Pass --project <path to .csproj>, or --project \"\" for a service that is not .NET.");
        var dotnet = ExternalTool.Dotnet.WithLog(log);
        var result = await dotnet.RunAsync([verb, ProjectPath, "--nologo", "-v", "q", "-clp:NoSummary", .. extra], cancellationToken);
        if (result.Succeeded)
            return;
        var errors = (result.StandardOutput + result.StandardError).Split('\n')
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => l.Trim()).Distinct().Take(10).ToList();
        throw new CompileException($"'dotnet {verb} {Path.GetFileName(ProjectPath)}' failed (exit code {result.ExitCode}):\n  " +
            (errors.Count > 0 ? string.Join("\n  ", errors) : "see the output above"));
    }
}
