using App.Hosting;
using App.Tests.Support;

namespace App.Tests.Unit;

public sealed class RuntimeModeTests : IDisposable
{
    readonly TempDirectory _root = new("app-mode");

    static Dictionary<string, string?> Env(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => (string?)v.Value, StringComparer.Ordinal);

    static string MountLine(string mountPoint, int id = 900) =>
        $"{id} 800 254:1 /host/src {mountPoint} rw,relatime - ext4 /dev/vda1 rw";

    const string ContainerMounts = """
        800 700 0:50 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/var/lib/docker/a:/var/lib/docker/b
        801 800 0:52 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
        802 800 254:1 /var/lib/docker/volumes/app-data/_data /data rw,relatime - ext4 /dev/vda1 rw
        """;

    string SourceFolder()
    {
        File.WriteAllText(_root.Combine("App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
        File.WriteAllText(_root.Combine("Program.cs"), "");
        return _root.Path;
    }

    [Fact]
    public void Published_app_without_flags_is_production_and_container_baked()
    {
        var mode = RuntimeMode.Detect(Env(), _root.Path, ContainerMounts, _root.Path);

        Assert.Equal("production", mode.Mode);
        Assert.Equal("container-baked", mode.CodeSource);
        Assert.False(mode.DebuggingEnabled);
    }

    [Theory]
    [InlineData("DEVELOPMENT_MODE", "true")]
    [InlineData("DEVELOPMENT_MODE", "1")]
    [InlineData("DEVELOPMENT_MODE", "TRUE")]
    [InlineData("DOTNET_WATCH", "1")]
    public void Development_flags_mean_development(string name, string value) =>
        Assert.Equal("development", RuntimeMode.Detect(Env((name, value)), _root.Path, "").Mode);

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("")]
    public void Falsy_development_flag_means_production(string value) =>
        Assert.Equal("production", RuntimeMode.Detect(Env(("DEVELOPMENT_MODE", value)), _root.Path, "").Mode);

    [Fact]
    public void Running_from_source_with_dotnet_run_is_development_even_without_flags()
    {
        var source = SourceFolder();

        var mode = RuntimeMode.Detect(Env(), source, "", Path.Combine(source, "bin", "Debug", "net10.0") + "/");

        Assert.Equal("development", mode.Mode);
        Assert.Equal("container-baked", mode.CodeSource);
    }

    [Fact]
    public void Source_folder_that_is_a_mount_point_is_volume_mounted()
    {
        var source = SourceFolder();

        var mode = RuntimeMode.Detect(Env(("DOTNET_WATCH", "1")), source + "/", ContainerMounts + "\n" + MountLine(source));

        Assert.Equal("volume-mounted", mode.CodeSource);
        Assert.Equal("development", mode.Mode);
    }

    [Fact]
    public void Mount_point_without_project_files_is_container_baked() =>
        Assert.Equal("container-baked", RuntimeMode.Detect(Env(), _root.Path, MountLine(_root.Path)).CodeSource);

    [Fact]
    public void Source_present_but_not_mounted_is_container_baked() =>
        Assert.Equal("container-baked", RuntimeMode.Detect(Env(), SourceFolder(), ContainerMounts + "\n" + MountLine("/somewhere/else")).CodeSource);

    [Fact]
    public void Mount_of_a_parent_folder_does_not_count()
    {
        var source = SourceFolder();

        Assert.Equal("container-baked", RuntimeMode.Detect(Env(), source, MountLine(Path.GetDirectoryName(source)!)).CodeSource);
    }

    [Fact]
    public void Mount_points_with_spaces_are_decoded()
    {
        using var spaced = new TempDirectory("app mode with space");
        File.WriteAllText(spaced.Combine("App.csproj"), "");

        var mode = RuntimeMode.Detect(Env(), spaced.Path, MountLine(spaced.Path.Replace(" ", "\\040")));

        Assert.Equal("volume-mounted", mode.CodeSource);
    }

    [Theory]
    [InlineData("DEBUG_MODE", "true")]
    [InlineData("DEBUG_MODE", "1")]
    [InlineData("DOTNET_EnableDiagnostics", "1")]
    public void Debug_flags_enable_debugging(string name, string value) =>
        Assert.True(RuntimeMode.Detect(Env((name, value)), _root.Path, "").DebuggingEnabled);

    [Fact]
    public void Diagnostics_switched_off_is_not_debugging() =>
        Assert.False(RuntimeMode.Detect(Env(("DOTNET_EnableDiagnostics", "0")), _root.Path, "").DebuggingEnabled);

    [Fact]
    public void Attached_debugger_is_debugging() =>
        Assert.True(RuntimeMode.Detect(Env(), _root.Path, "", debuggerAttached: true).DebuggingEnabled);

    public void Dispose() => _root.Dispose();
}
