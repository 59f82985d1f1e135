using Pipeline.Development;

namespace Pipeline.Tests.Development;

public sealed class LogLevelsTests
{
    [Theory]
    [InlineData("[12:00:01 DBG] Microsoft.AspNetCore: Connection received FIN.", DevLogLevel.Debug)]
    [InlineData("[12:00:01 VRB] App: detail", DevLogLevel.Debug)]
    [InlineData("[12:00:01 INF] App: App 1.0.0 in development mode", DevLogLevel.Information)]
    [InlineData("[12:00:01 WRN] App.Jobs: job 3 retried", DevLogLevel.Warning)]
    [InlineData("[12:00:01 ERR] App: database locked", DevLogLevel.Error)]
    [InlineData("[12:00:01 FTL] App: host crashed", DevLogLevel.Error)]
    [InlineData("""{"@t":"2026-11-25T03:00:00Z","@mt":"started","@l":"Warning"}""", DevLogLevel.Warning)]
    [InlineData("""{"@t":"2026-11-25T03:00:00Z","@mt":"started"}""", DevLogLevel.Information)]
    [InlineData("/src/Api/HealthEndpoints.cs(14,50): error CS1002: ; expected [/src/App.csproj]", DevLogLevel.Error)]
    [InlineData("/src/Program.cs(3,1): warning CS0168: The variable 'x' is declared but never used", DevLogLevel.Warning)]
    [InlineData("dotnet watch : File updated: ./Api/HealthEndpoints.cs", DevLogLevel.Watch)]
    [InlineData("dotnet watch : Build failed. Waiting for a file to change before restarting...", DevLogLevel.Error)]
    [InlineData("  Restored /src/App.csproj (in 150 ms).", DevLogLevel.None)]
    public void Reads_the_level_of_the_app_the_watcher_and_the_compiler(string line, DevLogLevel expected) =>
        Assert.Equal(expected, LogLevels.Of(line));

    [Fact]
    public void Colors_by_level_and_leaves_plain_lines_alone()
    {
        Assert.Equal("\e[31m[12:00:01 ERR] App: x\e[0m", LogLevels.Colorize("[12:00:01 ERR] App: x"));
        Assert.Equal("\e[33m[12:00:01 WRN] App: x\e[0m", LogLevels.Colorize("[12:00:01 WRN] App: x"));
        Assert.Equal("\e[90m[12:00:01 DBG] App: x\e[0m", LogLevels.Colorize("[12:00:01 DBG] App: x"));
        Assert.Equal("\e[36mdotnet watch : Hot reload applied\e[0m", LogLevels.Colorize("dotnet watch : Hot reload applied"));
        Assert.Equal("[12:00:01 INF] App: x", LogLevels.Colorize("[12:00:01 INF] App: x"));
        Assert.Equal("Build succeeded.", LogLevels.Colorize("Build succeeded."));
    }
}
