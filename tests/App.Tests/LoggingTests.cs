using System.Text.Json;
using App.Tests.Support;

namespace App.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Log_format_json_writes_one_json_object_per_stdout_line()
    {
        using var data = new TempDirectory();
        await using var app = await AppProcess.StartAsync(data.Path, new Dictionary<string, string> { ["LOG_FORMAT"] = "json" });
        await app.WaitFinishedAsync(await app.SubmitAsync("fail", "for the log"));
        await app.GetJsonAsync("/version");
        var (exitCode, _) = await app.TerminateAsync();
        Assert.Equal(0, exitCode);

        var lines = app.StandardOutput.Where(l => l.Length > 0).ToList();
        Assert.True(lines.Count >= 5, app.Output);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, entry.RootElement.ValueKind);
            Assert.True(entry.RootElement.TryGetProperty("@t", out _), line);
        }
        Assert.Contains(lines, l => l.Contains("\"RequestPath\":\"/version\"") && l.Contains("\"StatusCode\":200"));
        Assert.Contains(lines, l => l.Contains("\"@l\":\"Warning\"") && l.Contains("for the log"));
    }

    [Fact]
    public async Task Development_mode_and_debug_mode_show_in_version()
    {
        using var data = new TempDirectory();
        await using var app = await AppProcess.StartAsync(data.Path, new Dictionary<string, string>
        {
            ["DEVELOPMENT_MODE"] = "true",
            ["DEBUG_MODE"] = "1",
        });

        var version = await app.GetJsonAsync("/version");

        Assert.Equal("development", (string?)version["mode"]);
        Assert.Equal("container-baked", (string?)version["codeSource"]);
        Assert.True((bool)version["debuggingEnabled"]!);
        Assert.False(string.IsNullOrEmpty((string?)version["version"]), "falls back to the assembly's informational version");
    }
}
