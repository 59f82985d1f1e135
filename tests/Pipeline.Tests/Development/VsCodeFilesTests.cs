using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Development;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Development;

/// <summary>.vscode/launch.json and tasks.json parse as VS Code reads them (JSON with comments) and name what exists.</summary>
public sealed class VsCodeFilesTests
{
    static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    static JsonDocument Read(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(TestMachine.RepositoryRoot, ".vscode", name)), Jsonc);

    [Fact]
    public void Every_task_runs_a_target_the_build_has()
    {
        using var tasks = Read("tasks.json");
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestMachine.RepositoryRoot, ".nuke", "build.schema.json")));
        var targets = schema.RootElement.GetProperty("definitions").GetProperty("ExecutableTarget").GetProperty("enum").EnumerateArray().Select(t => t.GetString()).ToHashSet();
        var commands = tasks.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("command").GetString()!).ToList();
        var invoked = commands.Select(c => Regex.Match(c, @"^\./build\.sh (\w+)")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["DevStart", "DevStop", "DevRestart", "DevStatus", "DevLogs", "DevClean"], invoked);
        Assert.All(invoked, t => Assert.Contains(t, targets));
    }

    [Fact]
    public void The_attach_configuration_execs_vsdbg_in_the_default_dev_container_and_maps_the_source()
    {
        using var launch = Read("launch.json");
        var attach = launch.RootElement.GetProperty("configurations").EnumerateArray().First(c => c.TryGetProperty("pipeTransport", out _));
        var container = new DevSettings("app", "app", 8082, 4024, "/src", "/repo", "/repo/deploy").ProjectName + "_app_1";

        Assert.Equal("attach", attach.GetProperty("request").GetString());
        Assert.Equal(["exec", "-i", container], attach.GetProperty("pipeTransport").GetProperty("pipeArgs").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("/vsdbg/vsdbg", attach.GetProperty("pipeTransport").GetProperty("debuggerPath").GetString());
        Assert.Equal("${workspaceFolder}/src/App", attach.GetProperty("sourceFileMap").GetProperty("/src").GetString());
        Assert.Equal("DevStart", attach.GetProperty("preLaunchTask").GetString());
    }
}
