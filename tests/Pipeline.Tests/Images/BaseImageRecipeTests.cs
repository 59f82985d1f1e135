using Pipeline.Images;
using Pipeline.Images.Base;

namespace Pipeline.Tests.Images;

public sealed class BaseImageRecipeTests
{
    static readonly BaseImageOptions Options = new() { CacheDirectory = "/tmp/unused", DebianMirror = "http://deb.example/debian" };

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0", "local/dotnet-runtime-deps:10.0")]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", "local/dotnet-runtime-deps:10.0-distroless")]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-bookworm-slim", "local/dotnet-runtime-deps:10.0")]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0", "local/dotnet-sdk:10.0")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0", "local/dotnet-aspnet:10.0")]
    [InlineData("debian:bookworm-slim", "local/debian:bookworm-minbase")]
    [InlineData("debian:trixie", "local/debian:trixie-minbase")]
    public void Known_images_map_to_local_tags(string requested, string local) =>
        Assert.Equal(local, BaseRecipes.For(requested, Options).Recipe?.Tag);

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-alpine")]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra")]
    [InlineData("registry.invalid/none:1")]
    [InlineData("someone/sdk:10.0")]
    [InlineData("mcr.microsoft.com/dotnet/sdk:1.0")]
    public void Other_images_have_no_recipe(string requested) => Assert.Null(BaseRecipes.For(requested, Options).Recipe);

    [Fact]
    public void The_recipe_hash_follows_its_inputs_and_parents()
    {
        var deps = BaseRecipes.For("mcr.microsoft.com/dotnet/runtime-deps:10.0", Options).Recipe!;
        var sameDeps = BaseRecipes.For("mcr.microsoft.com/dotnet/runtime-deps:10.0", Options with { PullTimeout = TimeSpan.FromSeconds(1) }).Recipe!;
        var otherMirror = BaseRecipes.For("mcr.microsoft.com/dotnet/runtime-deps:10.0", Options with { DebianMirror = "http://other/debian" }).Recipe!;

        Assert.Equal(deps.Hash, sameDeps.Hash);
        Assert.NotEqual(deps.Hash, otherMirror.Hash);
        Assert.Equal("local/debian:bookworm-minbase", deps.Parent!.Tag);
    }

    [Fact]
    public void The_distroless_recipe_is_its_own_image_on_the_same_minbase()
    {
        var distroless = BaseRecipes.For("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", Options).Recipe!;
        var deps = BaseRecipes.For("mcr.microsoft.com/dotnet/runtime-deps:10.0", Options).Recipe!;

        Assert.NotEqual(deps.Hash, distroless.Hash);
        Assert.Equal(deps.Parent!.Hash, distroless.Parent!.Hash);
        Assert.Contains("ICU", BaseRecipes.For("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra", Options).WhyNot);
    }

    [Fact]
    public void The_mirror_comes_from_apt_sources_skipping_security()
    {
        const string deb822 = "Types: deb\nURIs: http://security.debian.org/debian-security\nSuites: bookworm-security\n\nTypes: deb deb-src\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\n";

        Assert.Equal(["http://mirror.example/debian"], AptMirror.FromDeb822(deb822));
        Assert.Equal(["http://ftp.example/debian"], AptMirror.FromOneLineStyle(["# x", "deb-src http://src/debian bookworm main", "deb [arch=amd64] http://ftp.example/debian bookworm main", "deb http://ftp.example/debian-security bookworm-security main"]));
        Assert.Equal("http://deb.debian.org/debian", AptMirror.Detect("/etc/apt") ?? AptMirror.Default);
    }

    [Fact]
    public void Only_whole_arg_from_lines_are_base_image_arguments()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "ARG A=x/a:1\nARG B\nARG C=x/c:1\nFROM ${A} AS one\nFROM $C\nFROM debian:bookworm\nFROM one\n");
        try
        {
            var dockerfile = DockerfileInfo.Read(path);
            Assert.Equal([("A", "x/a:1"), ("C", "x/c:1")], BaseImageArguments.From(dockerfile, new Dictionary<string, string>()));
            Assert.Equal([("A", "y/a:2"), ("C", "x/c:1")], BaseImageArguments.From(dockerfile, new Dictionary<string, string> { ["A"] = "y/a:2" }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
