using Pipeline.Operations;
using Pipeline.Registry;
using Targets;

partial class Build
{
    Target CheckSettings => _ => _
        .Unlisted()
        .Description("Fail fast on bad settings: image name, Dockerfile, base-image overrides")
        .Executes(() => ImageOperations.CheckSettings(AppImage, Service, BaseImage));

    Target CheckRegistry => _ => _
        .Unlisted()
        .Description("Fail fast when the registry does not answer or refuses the credentials")
        .DependsOn(Setup)
        .DependentFor(PushImages)
        .Before(CheckSettings, Compile)
        .Requires(() => CredentialsValid, CredentialsRequirement)
        .Executes(ct => ImageOperations.PingRegistryAsync(RegistryAddress, new RegistryCredentials(RegistryUsername, RegistryPassword), ct));
}
