using System.Diagnostics;
using Docker.DotNet.Models;
using Docker.DotNet;
using Pipeline.Docker;
using Serilog;

namespace Pipeline.Images.Base;

/// <summary>
/// <c>local/dotnet-sdk</c>, <c>local/dotnet-runtime</c>, <c>local/dotnet-aspnet</c>: the machine's .NET (all of it for the SDK, the host
/// and shared frameworks for runtimes) streamed into a container of the parent image at <c>/usr/share/dotnet</c>, with
/// <c>/usr/bin/dotnet</c>, then committed. One pass over the files, no build context, and the parent's layer is shared.
/// </summary>
internal sealed class DotnetRecipe(BaseRecipe parent, string tag, string description, DotnetInstall install, IReadOnlyList<string> selection, IReadOnlyList<string> environment)
    : BaseRecipe(parent)
{
    const string ImageRoot = "usr/share/dotnet";

    public override string Tag => tag;

    public override string Description => description;

    IReadOnlyList<string> Changes => [.. environment.Select(e => $"ENV {e}"), "CMD [\"bash\"]", $"LABEL {Label}={Hash}"];

    protected override string Inputs() => $"{tag}\n{string.Join('\n', environment)}\n{install.Fingerprint(selection)}";

    public override async Task BuildAsync(DockerClient client, ILogger log, CancellationToken cancellationToken)
    {
        var name = $"app-pipeline-base-{Hash[..12]}";
        await Remover.ContainerAsync(client, name, removeVolumes: false, CancellationToken.None);
        var container = await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = Parent!.Tag, Name = name, Cmd = ["/bin/sh", "-c", $"#(nop) COPY /usr/share/dotnet: {description}"] }, cancellationToken);
        var clock = Stopwatch.StartNew();
        try
        {
            log.Information("Copying {Count} entries of {Root:l} into {Tag:l} at /{ImageRoot:l}", selection.Count, install.Root, tag, ImageRoot);
            var layer = new LayerTar(install.Root, ImageRoot, selection, new Dictionary<string, string> { ["usr/bin/dotnet"] = "/usr/share/dotnet/dotnet" });
            await using (var tar = layer.Open())
                await client.Containers.ExtractArchiveToContainerAsync(container.ID, new CopyToContainerParameters { Path = "/" }, tar, cancellationToken);
            log.Information("Copied in {Seconds:0.0} s; committing {Tag:l}", clock.Elapsed.TotalSeconds, tag);
            var (repository, version) = (tag[..tag.LastIndexOf(':')], tag[(tag.LastIndexOf(':') + 1)..]);
            await client.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
            {
                ContainerID = container.ID, RepositoryName = repository, Tag = version, Changes = [.. Changes], Comment = description, Pause = false,
            }, cancellationToken);
        }
        finally
        {
            await Remover.ContainerAsync(client, name, removeVolumes: false, CancellationToken.None);
        }
    }
}
