using Pipeline.Docker;
using Pipeline.Images;
using Pipeline.Images.Base;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Images;

/// <summary>
/// Base-image tests share the engine and the local/* images, so they run one at a time. The local/* base images they build
/// (local/debian:*-minbase, local/dotnet-*) are the machine's shared cache and are deliberately left in place; every other
/// image and container a test creates is removed.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BaseImageCollection : ICollectionFixture<SampleAppBaseImages>
{
    public const string Name = "BaseImages";
}

/// <summary>The sample app's base images, resolved once for the collection (the first run on a fresh machine debootstraps).</summary>
public sealed class SampleAppBaseImages : IAsyncLifetime
{
    public string DockerfilePath { get; } = Path.Combine(TestMachine.RepositoryRoot, "src", "App", "Dockerfile");

    public BaseImageOptions Options { get; } = new();

    public IReadOnlyList<ResolvedBaseImage> First { get; private set; } = [];

    public IReadOnlyList<string> FirstLog { get; private set; } = [];

    public async Task InitializeAsync()
    {
        using var client = await Engine.ConnectAsync(CancellationToken.None);
        var (logger, sink) = InMemorySink.CreateLogger();
        First = await new BaseImages(client, logger, Options).ResolveAsync(DockerfileInfo.Read(DockerfilePath), CancellationToken.None);
        FirstLog = [.. sink.Messages];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The image used for <paramref name="argument"/> in the first resolve.</summary>
    public string Used(string argument) => First.Single(r => r.Argument == argument).Used;
}
