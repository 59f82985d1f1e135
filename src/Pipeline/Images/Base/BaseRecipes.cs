using System.Text.RegularExpressions;

namespace Pipeline.Images.Base;

/// <summary>
/// Which requested base images have a local recipe: .NET runtime-deps (its chiseled or distroless tags by a distroless equivalent),
/// runtime, aspnet and sdk, and Debian by codename.
/// </summary>
internal static partial class BaseRecipes
{
    static readonly string[] NotGlibcLinux = ["alpine", "nanoserver", "windowsservercore"];
    static readonly string[] DistrolessTags = ["chiseled", "distroless"];

    /// <summary>The recipe for <paramref name="requested"/>, or why there is none.</summary>
    public static (BaseRecipe? Recipe, string? WhyNot) For(string requested, BaseImageOptions options)
    {
        var reference = ImageReference.Parse(requested);
        var repository = reference.Repository;
        var tag = reference.Tag ?? "latest";
        if (NotGlibcLinux.Any(variant => tag.Contains(variant, StringComparison.Ordinal)))
            return (null, $"'{tag}' is not a glibc Linux variant, which is all the Debian archive can stand in for");
        var name = repository[(repository.LastIndexOf('/') + 1)..];
        var majorMinor = MajorMinor().Match(tag) is { Success: true } m ? m.Value : null;
        var dotnet = repository.Contains("dotnet", StringComparison.Ordinal);
        var runtimeDeps = repository.Contains("runtime-deps", StringComparison.Ordinal);
        var minbase = new MinbaseRecipe(options);
        var install = new DotnetInstall(options.DotnetRoot);
        return name switch
        {
            _ when runtimeDeps && tag.Contains("-extra", StringComparison.Ordinal)
                => (null, $"'{tag}' adds ICU, which the local distroless equivalent does not have (use invariant globalization and the plain chiseled tag)"),
            _ when runtimeDeps && DistrolessTags.Any(variant => tag.Contains(variant, StringComparison.Ordinal)) => (new DistrolessRecipe(minbase, majorMinor ?? "latest", options), null),
            _ when runtimeDeps => (new RuntimeDepsRecipe(minbase, majorMinor ?? "latest", options), null),
            "sdk" when dotnet => DotnetRecipes.Sdk(minbase, install, majorMinor),
            "runtime" when dotnet => DotnetRecipes.Runtime(minbase, options, install, majorMinor, aspnet: false),
            "aspnet" when dotnet => DotnetRecipes.Runtime(minbase, options, install, majorMinor, aspnet: true),
            "debian" when repository is "debian" or "library/debian" or "docker.io/library/debian" && Codename().Match(tag) is { Success: true } c
                => (new MinbaseRecipe(options with { Suite = c.Groups[1].Value }), null),
            _ => (null, null),
        };
    }

    [GeneratedRegex(@"^\d+\.\d+")]
    private static partial Regex MajorMinor();

    [GeneratedRegex(@"^([a-z]+)(?:-slim)?$")]
    private static partial Regex Codename();
}
