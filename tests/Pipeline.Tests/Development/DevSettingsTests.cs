using Pipeline.Compose;
using Pipeline.Development;
using Pipeline.Machine;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Development;

public sealed class DevSettingsTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("dev-settings-").FullName;

    string Root => TestMachine.RepositoryRoot;

    DevSettings Settings(string? source = null, int port = 8082, int debugger = 4024) =>
        new("app", "app", port, debugger, source ?? Path.Combine(Root, "src", "App"), Root, Path.Combine(Root, "deploy")) { NuGetPackages = folder };

    [Fact]
    public void The_project_is_prefix_dev_and_runs_image_name_dev()
    {
        var settings = new DevSettings("Shop/Billing", "billing", 9000, 9001, "/src", "/repo", "/repo/deploy");
        Assert.Equal("billing-dev", settings.ProjectName);
        Assert.Equal("billing:dev", settings.Image);
        Assert.Equal("http://127.0.0.1:9000", settings.Url);
        Assert.Equal("development", settings.Environment.Name);
    }

    [Fact]
    public void Compose_gets_the_base_file_and_the_development_file_never_the_laptop_one()
    {
        var compose = new DevCompose(Settings(), new ComposeTool("docker-compose", [], "1.29.2", false), Serilog.Core.Logger.None);
        var args = compose.Arguments("up", "-d");
        Assert.Equal(["-p", "app-dev", "-f", Path.Combine(Root, "deploy", "compose.yaml"), "-f", Path.Combine(Root, "deploy", "compose.development.yaml"), "up", "-d"], args);
        var variables = compose.Variables;
        Assert.Equal("app:dev", variables["APP_IMAGE"]);
        Assert.Equal("8082", variables["APP_PORT"]);
        Assert.Equal("4024", variables["APP_DEBUGGER_PORT"]);
        Assert.Equal(Path.Combine(Root, "src", "App"), variables["APP_SOURCE"]);
        Assert.Equal(Root, variables["APP_ROOT"]);
        Assert.Equal(folder, variables["APP_NUGET_PACKAGES"]);
        Assert.Equal("development", variables["APP_ENVIRONMENT"]);
    }

    [Fact]
    public void The_checkout_passes_the_checks() => Settings().Check();

    [Fact]
    public void A_missing_source_folder_says_which_and_names_the_parameter()
    {
        var e = Assert.Throws<DevException>(() => Settings(Path.Combine(folder, "nowhere")).Check());
        Assert.Contains("does not exist", e.Message);
        Assert.Contains("--dev-source", e.Message);
    }

    [Fact]
    public void A_folder_without_a_project_is_refused()
    {
        var e = Assert.Throws<DevException>(() => Settings(folder).Check());
        Assert.Contains("holds no .csproj", e.Message);
    }

    [Theory]
    [InlineData(8082, 8082)]
    [InlineData(8082, 0)]
    [InlineData(8082, 70000)]
    public void The_debugger_port_must_be_a_port_other_than_the_apps(int port, int debugger)
    {
        var e = Assert.Throws<DevException>(() => Settings(port: port, debugger: debugger).Check());
        Assert.Contains("--dev-debugger-port", e.Message);
    }

    [Fact]
    public void A_missing_NuGet_folder_says_how_to_fill_it()
    {
        var e = Assert.Throws<DevException>(() => (Settings() with { NuGetPackages = Path.Combine(folder, "none") }).Check());
        Assert.Contains("./build.sh Compile", e.Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
