using Docker.DotNet;
using Serilog;

namespace Pipeline.Images.Base;

/// <summary>
/// <c>local/dotnet-runtime-deps:&lt;version&gt;</c>: the minbase (glibc, libstdc++, libgcc, zlib, OpenSSL, ca-certificates, tzdata; no ICU)
/// checked for what a self-contained .NET app loads, with the official image's environment. No user is created: the app's Dockerfile
/// makes its own (the official image adds <c>app</c>, uid 1654, and <c>APP_UID</c>).
/// </summary>
internal sealed class RuntimeDepsRecipe(MinbaseRecipe minbase, string version, BaseImageOptions options) : BaseRecipe(minbase)
{
    public override string Tag => $"local/dotnet-runtime-deps:{version}";

    public override string Description => $".NET runtime-deps equivalent on {minbase.Tag}";

    string Dockerfile => $$"""
        FROM {{minbase.Tag}}
        RUN for lib in libc.so.6 libstdc++.so.6 libgcc_s.so.1 libz.so.1 libssl.so.3; do \
              ldconfig -p | grep -q "$lib" || { echo "$lib is missing from {{minbase.Tag}}" >&2; exit 1; }; \
            done
        ENV DOTNET_RUNNING_IN_CONTAINER=true \
            ASPNETCORE_HTTP_PORTS=8080

        """;

    protected override string Inputs() => $"{Tag}\n{Dockerfile}";

    public override async Task BuildAsync(DockerClient client, ILogger log, CancellationToken cancellationToken)
    {
        var context = Path.Combine(options.CacheDirectory, "contexts", $"dotnet-runtime-deps-{version}");
        Directory.CreateDirectory(context);
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), Dockerfile, cancellationToken);
        var request = new ImageBuildRequest(context, "Dockerfile", [Tag]) { Labels = new Dictionary<string, string> { [Label] = Hash } };
        await new ImageBuilder(client, log).BuildAsync(request, cancellationToken);
    }
}
