namespace Pipeline.Images.Base;

/// <summary>The .NET recipes the machine's .NET folder can serve: which SDK or runtime version goes in, and the official images' environment.</summary>
internal static class DotnetRecipes
{
    /// <summary>The SDK image: the whole .NET folder, with an SDK of <paramref name="majorMinor"/> (the newest when null).</summary>
    public static (BaseRecipe? Recipe, string? WhyNot) Sdk(MinbaseRecipe minbase, DotnetInstall install, string? majorMinor)
    {
        if (install.Newest("sdk", majorMinor) is not { } sdk)
            return (null, $"the .NET folder {install.Root} has no SDK {majorMinor}; it has: {Listed(install.Versions("sdk"))}");
        string[] environment = ["DOTNET_ROOT=/usr/share/dotnet", "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_NOLOGO=1", "NUGET_XMLDOC_MODE=skip",
            $"DOTNET_SDK_VERSION={sdk}", "DOTNET_RUNNING_IN_CONTAINER=true", "DOTNET_USE_POLLING_FILE_WATCHER=true", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1"];
        var selection = Directory.GetFileSystemEntries(install.Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var version = majorMinor ?? string.Join('.', sdk.Split('.')[..2]);
        return (new DotnetRecipe(minbase, $"local/dotnet-sdk:{version}", $".NET SDK {sdk} from {install.Root}", install, selection, environment), null);
    }

    /// <summary>The runtime (or ASP.NET Core) image: host and shared framework(s) of <paramref name="majorMinor"/> on runtime-deps.</summary>
    public static (BaseRecipe? Recipe, string? WhyNot) Runtime(MinbaseRecipe minbase, BaseImageOptions options, DotnetInstall install, string? majorMinor, bool aspnet)
    {
        if (install.Newest("shared/Microsoft.NETCore.App", majorMinor) is not { } runtime)
            return (null, $"the .NET folder {install.Root} has no runtime {majorMinor}; it has: {Listed(install.Versions("shared/Microsoft.NETCore.App"))}");
        var version = string.Join('.', runtime.Split('.')[..2]);
        var asp = aspnet ? install.Newest("shared/Microsoft.AspNetCore.App", version) : null;
        if (aspnet && asp is null)
            return (null, $"the .NET folder {install.Root} has no ASP.NET Core runtime {version}");
        List<string> selection = ["dotnet", "host", "LICENSE.txt", "ThirdPartyNotices.txt", $"shared/Microsoft.NETCore.App/{runtime}"];
        List<string> environment = ["DOTNET_ROOT=/usr/share/dotnet", $"DOTNET_VERSION={runtime}"];
        if (asp is not null)
        {
            selection.Add($"shared/Microsoft.AspNetCore.App/{asp}");
            environment.Add($"ASPNET_VERSION={asp}");
        }
        selection.RemoveAll(s => !Path.Exists(Path.Combine(install.Root, s)));
        var parent = new RuntimeDepsRecipe(minbase, version, options);
        var name = aspnet ? "aspnet" : "runtime";
        return (new DotnetRecipe(parent, $"local/dotnet-{name}:{version}", $".NET {name} {asp ?? runtime} from {install.Root}", install, selection, environment), null);
    }

    static string Listed(IReadOnlyList<string> versions) => versions.Count == 0 ? "none" : string.Join(", ", versions);
}
