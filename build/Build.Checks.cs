using Pipeline.Images;
using Pipeline.Registry;
using Targets;

partial class Build
{
    Target CheckSettings => _ => _
        .Unlisted()
        .Description("Fail fast on bad settings: image name, Dockerfile, base-image overrides")
        .Executes(() =>
        {
            ImageReference.Parse(AppService.Image!.Tagged("check"));
            Service.ReadDockerfile();
            Overrides();
        });

    Target CheckRegistry => _ => _
        .Unlisted()
        .Description("Fail fast when the registry does not answer or refuses the credentials")
        .DependsOn(Setup)
        .DependentFor(PushImages)
        .Before(CheckSettings, Compile)
        .Requires(() => CredentialsValid, CredentialsRequirement)
        .Executes(async ct =>
        {
            using var registry = new RegistryClient(RegistryAddress, Credentials);
            await registry.PingAsync(ct);
        });
}
