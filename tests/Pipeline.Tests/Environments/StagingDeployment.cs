using System.Diagnostics;
using Pipeline.Environments;
using Pipeline.Images;
using Pipeline.Model;

namespace Pipeline.Tests.Environments;

/// <summary>The real sample app's release deployed once to a unique staging project (laptop profile) and waited healthy; taken down with its volumes at the end.</summary>
public sealed class StagingDeployment : IAsyncLifetime
{
    TestEnvironment? environment;

    internal TestEnvironment Test => environment ?? throw new InvalidOperationException("The deployment did not start.");

    public ReleaseManifest Manifest { get; private set; } = null!;

    public Release Release { get; private set; } = null!;

    public TimeSpan UpTime { get; private set; }

    public TimeSpan HealthyTime { get; private set; }

    public async Task InitializeAsync()
    {
        Manifest = await ReleaseImages.EnsureAsync();
        Release = Manifest.ReleaseOf(Service.DefaultName);
        environment = await TestEnvironment.CreateAsync();
        var clock = Stopwatch.StartNew();
        await Test.DeployAsync(Release);
        UpTime = clock.Elapsed;
        await Test.Environment.WaitHealthyAsync(TimeSpan.FromSeconds(90), CancellationToken.None);
        HealthyTime = clock.Elapsed - UpTime;
    }

    public async Task DisposeAsync()
    {
        if (environment is not null)
            await environment.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StagingDeploymentCollection : ICollectionFixture<StagingDeployment>
{
    public const string Name = "staging deployment";
}
