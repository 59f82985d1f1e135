namespace EndToEnd.Tests;

/// <summary>
/// deploy/environments.json through the real <c>./build.sh</c>: a malformed file or an undefined <c>--environment</c> stops the run before
/// any target (exit code 2, the file and line, what to write), and <c>Environments</c> shows the file with explicit ports winning.
/// </summary>
public sealed class EnvironmentsFileTests : IDisposable
{
    readonly DirectoryInfo root = Directory.CreateTempSubdirectory("envs-root-");

    public EnvironmentsFileTests()
    {
        Directory.CreateDirectory(Path.Combine(root.FullName, ".nuke"));
        File.Copy(Path.Combine(BuildScript.Root, ".nuke", "parameters.json"), Path.Combine(root.FullName, ".nuke", "parameters.json"));
        Directory.CreateDirectory(Deploy);
        foreach (var file in Directory.GetFiles(Path.Combine(BuildScript.Root, "deploy"), "compose*.yaml"))
            File.Copy(file, Path.Combine(Deploy, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(Deploy, "compose.qa.yaml"), "services: {}\n");
    }

    string Deploy => Path.Combine(root.FullName, "deploy");

    string FilePath => Path.Combine(Deploy, "environments.json");

    public void Dispose() => root.Delete(recursive: true);

    Task<BuildRun> RunAsync(params string[] args) => BuildScript.RunAsync([.. args, "--root", root.FullName]);

    [Fact]
    public async Task A_malformed_file_stops_the_run_before_any_target_naming_the_line()
    {
        const string Malformed = """
            {
              "environments": {
                "staging": { "hosts": ["local"] "port": 8081 }
              }
            }
            """;
        File.WriteAllText(FilePath, Malformed);

        var run = await RunAsync("HealthCheck");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"{FilePath}, line 3, position 37: not valid JSON", run.Output);
        Assert.Contains("Nothing was run.", run.Output);
        Assert.DoesNotContain("=== Setup", run.Output);
        Assert.Equal(Malformed, File.ReadAllText(FilePath));
    }

    [Fact]
    public async Task An_undefined_environment_stops_the_run_listing_the_defined_ones()
    {
        File.WriteAllText(FilePath, """{ "environments": { "qa": { "hosts": ["local"], "port": 9082 } } }""");

        var run = await RunAsync("HealthCheck", "--environment", "nope");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"--environment 'nope' is not defined: use one of staging, production, qa ({FilePath}), or add it there.", run.Output);
        Assert.DoesNotContain("=== Setup", run.Output);
    }

    [Fact]
    public async Task Environments_lists_the_file_and_an_explicit_port_wins_and_says_so()
    {
        File.WriteAllText(FilePath, """
            {
              "$schema": "./environments.schema.json",
              "environments": {
                "staging": { "hosts": ["local"], "port": 9081 },
                "qa": { "hosts": ["local", "ssh://deploy@web1.example.com"], "port": 9082 }
              }
            }
            """);

        var run = await RunAsync("Environments", "--staging-port", "9181");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--staging-port 9181 wins over port 9081 of staging (environments.json line 4)", run.Output);
        Assert.Matches(@"qa +local, deploy@web1\.example\.com +9082 +- +server ", run.Output);
        Assert.Matches(@"production +local +8080 +- +laptop ", run.Output);
    }
}
