using Pipeline;
using Pipeline.Model;
using Serilog;

/// <summary>The edge: parameters typed once into the engine's model, and the run's one <see cref="PipelineContext"/>.</summary>
partial class Build
{
    readonly Lazy<PipelineContext> context;

    /// <summary>The context is made on first use, after the parameters were injected.</summary>
    public Build() => context = new(() => new PipelineContext(
        new PipelineSettings(RootDirectory, RegistryAddress, RollbackRepository, new GitHubOptions(GitHubToken, GitHubRepository, GitHubApiUrl)), Log.Logger));

    /// <summary>The run's engine client, git facts, Compose tool, GitHub recorder and built images.</summary>
    PipelineContext Run => context.Value;

    RegistryAddress RegistryAddress => RegistryAddress.Parse(Registry);

    /// <summary>The service shipped: the Compose service <c>app</c>, pushed to <c>--registry</c>/<c>--image-name</c>.</summary>
    Pipeline.Model.Service AppService => new(Pipeline.Model.Service.DefaultName, RegistryAddress.Repository(ImageName))
    {
        ContainerPort = ContainerPort,
        HealthPath = HealthPath,
        ReadyPath = ReadyPath,
    };

    static DeployEnvironment Typed(EnvironmentChoice environment) =>
        environment == EnvironmentChoice.Production ? DeployEnvironment.Production : DeployEnvironment.Staging;
}

/// <summary>The environments <c>--environment</c> accepts.</summary>
enum EnvironmentChoice
{
    /// <summary>Staging.</summary>
    Staging,

    /// <summary>Production.</summary>
    Production,
}
