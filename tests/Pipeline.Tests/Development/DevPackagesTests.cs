using Pipeline.Development;

namespace Pipeline.Tests.Development;

/// <summary>The host restore DevStart runs before the container starts: real <c>dotnet restore</c> of small projects in a temp folder.</summary>
public sealed class DevPackagesTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("dev-packages-").FullName;

    string Source => Path.Combine(root, "src");
    string Work => Path.Combine(root, "work");

    DevPackages Packages(string? packageReference = null)
    {
        Directory.CreateDirectory(Source);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(Source, "Tiny.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup>{packageReference}</ItemGroup>
            </Project>
            """);
        var settings = new DevSettings("t", "t", 18082, 18083, Source, root, Path.Combine(root, "deploy"));
        return new DevPackages(settings, Work, Serilog.Core.Logger.None);
    }

    [Fact]
    public async Task Restores_outside_the_source_folder_once_and_again_when_the_project_changes()
    {
        var packages = Packages();
        Assert.False(packages.IsCurrent);

        Assert.True(await packages.RestoreAsync(CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(Work, "obj", "project.assets.json")));
        Assert.False(Directory.Exists(Path.Combine(Source, "obj")));
        Assert.False(await packages.RestoreAsync(CancellationToken.None));

        File.SetLastWriteTimeUtc(Path.Combine(Source, "Tiny.csproj"), DateTime.UtcNow.AddMinutes(1));
        Assert.False(packages.IsCurrent);
    }

    [Fact]
    public async Task A_package_that_cannot_be_restored_says_what_to_do()
    {
        var packages = Packages("""<PackageReference Include="No.Such.Package.For.DevPackagesTests" Version="1.0.0" />""");

        var e = await Assert.ThrowsAsync<DevException>(() => packages.RestoreAsync(CancellationToken.None));
        Assert.Contains("Restoring", e.Message);
        Assert.Contains("./build.sh DevStart", e.Message);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
