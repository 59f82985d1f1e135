using Docker.DotNet.Models;
using Serilog;

namespace Pipeline.Images.Base;

/// <summary>Progress of an import or pull: status lines go to the log at Debug level, the first error is kept.</summary>
internal sealed class EngineProgress(ILogger log) : IProgress<JSONMessage>
{
    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        if (value.Error?.Message is { Length: > 0 } error)
            Error ??= error;
        else if (value.Status is { Length: > 0 } status)
            log.Debug("engine: {Status:l} {Id:l}", status, value.ID ?? "");
    }

    public void ThrowIfFailed(string what)
    {
        if (Error is not null)
            throw new ImageBuildException($"{what} failed: {Error}");
    }
}
