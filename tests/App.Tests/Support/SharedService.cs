namespace App.Tests.Support;

/// <summary>One running service shared by the API tests of <see cref="SharedServiceCollection"/> (they run one at a time).</summary>
public sealed class SharedService : IAsyncLifetime
{
    readonly string _data = Path.Combine(Path.GetTempPath(), $"app-shared-{Guid.NewGuid():N}");
    AppProcess? _app;

    public const string Version = "9.8.7-test";
    public const string Commit = "0123abc";

    public AppProcess App => _app ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() =>
        _app = await AppProcess.StartAsync(_data, new Dictionary<string, string>
        {
            ["WORKER_THREADS"] = "4",
            ["APP_VERSION"] = Version,
            ["APP_COMMIT"] = Commit,
        });

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SharedServiceCollection : ICollectionFixture<SharedService>
{
    public const string Name = "shared service";
}
