using Pipeline.Dotnet;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dotnet;

public sealed class DotnetProjectTests
{
    [Fact]
    public async Task A_compile_error_is_reported_with_file_line_and_code()
    {
        var folder = Directory.CreateTempSubdirectory("compile-error-").FullName;
        try
        {
            var project = Path.Combine(folder, "Broken.csproj");
            File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType></PropertyGroup></Project>");
            File.WriteAllText(Path.Combine(folder, "Program.cs"), "class Program { static void Main() { int x = \"not a number\"; } }");
            var (log, _) = InMemorySink.CreateLogger();

            var error = await Assert.ThrowsAsync<CompileException>(() => new DotnetProject(project, "Release").BuildAsync(log, CancellationToken.None));

            Assert.Contains("dotnet build Broken.csproj", error.Message);
            Assert.Contains("Program.cs(1,", error.Message);
            Assert.Contains("CS0029", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_project_says_how_to_point_at_one()
    {
        var (log, _) = InMemorySink.CreateLogger();
        var error = await Assert.ThrowsAsync<CompileException>(() => new DotnetProject("/nonexistent/App.csproj", "Release").BuildAsync(log, CancellationToken.None));
        Assert.Contains("--project", error.Message);
    }
}
