using Pipeline.Tests.Support;
using Pipeline.Tools;

namespace Pipeline.Tests.Scenarios;

/// <summary>src/App built once per test run into a temp folder (<c>dotnet build -o</c>); <see cref="SampleApp"/> deletes it at the end.</summary>
internal static class SampleAppBuild
{
    static readonly Lazy<Task<string>> Output = new(BuildAsync);

    /// <summary>The folder holding App.dll, built on first use.</summary>
    public static Task<string> DirectoryAsync() => Output.Value;

    /// <summary>Deletes the build output, if it was made.</summary>
    public static async Task DeleteAsync()
    {
        if (Output.IsValueCreated && Output.Value.IsCompletedSuccessfully)
            TestMachine.Delete(await Output.Value);
    }

    static async Task<string> BuildAsync()
    {
        var output = TestMachine.TempDirectory("workflow-app");
        var project = Path.Combine(TestMachine.RepositoryRoot, "src", "App", "App.csproj");
        var dotnet = new ExternalTool("dotnet").In(TestMachine.RepositoryRoot)
            .WithEnvironment("DOTNET_NOLOGO", "1")
            .WithEnvironment("MSBUILDDISABLENODEREUSE", "1")
            .WithEnvironment("DOTNET_CLI_USE_MSBUILD_SERVER", "0")
            .WithEnvironment("UseSharedCompilation", "false");
        string[] args = ["build", project, "-c", "Debug", "-o", output, "--nologo", "-v", "q"];
        var result = await dotnet.RunAsync(args);
        if (!result.Succeeded)
            result = await dotnet.RunAsync(args);
        if (!result.Succeeded || !File.Exists(Path.Combine(output, "App.dll")))
        {
            TestMachine.Delete(output);
            throw new InvalidOperationException($"dotnet build {project} -o {output} failed ({result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
        }
        return output;
    }
}
