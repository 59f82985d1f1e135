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

    /// <summary>
    /// Publishes into <paramref name="output"/>, replacing what was there, so nothing stale reaches an image. The publish builds in a folder of
    /// its own and replaces <paramref name="output"/> with one rename: two publishes of one checkout at once (parallel runs) never mix files.
    /// </summary>
    public async Task PublishAsync(string output, ILogger log, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(output);
        var work = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!, "obj", "publish-" + Guid.NewGuid().ToString("N")[..12]);
        var staged = Path.Combine(work, "out");
        try
        {
            await RunAsync("publish", ["-c", Configuration, "-o", staged, $"-p:IntermediateOutputPath={work}/obj/", $"-p:OutputPath={work}/bin/"], log, cancellationToken);
            Replace(target, staged, Path.Combine(work, "old"));
        }
        finally
        {
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Puts <paramref name="staged"/> in <paramref name="target"/>'s place, moving what is there to <paramref name="old"/> first (retried while another publish does the same).</summary>
    static void Replace(string target, string staged, string old)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(target))
                    Directory.Move(target, old + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.Move(staged, target);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
            }
        }
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
