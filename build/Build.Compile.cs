using Pipeline.Dotnet;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("The service's .NET project, relative to the root; empty for a service that is not .NET")] readonly string Project = "src/App/App.csproj";

    [Parameter("Where Publish puts the output the production stage copies in")] readonly string PublishOutput = "src/App/bin/publish";

    [Parameter("Build configuration")] readonly string Configuration = "Release";

    DotnetProject App => new(RootDirectory / Project, Configuration);

    Target Compile => _ => _
        .Description("Compile the service on the host")
        .After(CheckSettings)
        .OnlyWhenStatic(() => !string.IsNullOrEmpty(Project))
        .Executes(async ct => await App.BuildAsync(Log.Logger, ct));

    Target Publish => _ => _
        .Description("Publish the service (self-contained) for the production stage to copy in; compiles on its own")
        .After(CheckSettings, Compile)
        .OnlyWhenStatic(() => !string.IsNullOrEmpty(Project))
        .Executes(async ct => await App.PublishAsync(RootDirectory / PublishOutput, Log.Logger, ct));
}
