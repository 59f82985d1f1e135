using System.Text.RegularExpressions;
using Pipeline.Machine;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Machine;

[Collection(MachineCollection.Name)]
public sealed class SetupTests
{
    private static readonly MachineFacts Debian = new(IsRoot: true, IsDebian: true, OsName: "Debian GNU/Linux 12 (bookworm)");

    [Fact]
    public async Task Setup_makes_the_engine_and_the_default_registry_answer_and_a_second_run_changes_nothing()
    {
        var options = new MachineOptions(TestMachine.RepositoryRoot);
        var (log, sink) = InMemorySink.CreateLogger();

        var first = await MachineSetup.RunAsync(options, log, CancellationToken.None);
        var report = await Doctor.CheckAsync(options, CancellationToken.None);
        var second = await MachineSetup.RunAsync(options, log, CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, report.Checks.Single(c => c.Name == "Docker engine").Status);
        Assert.Equal(CheckStatus.Ok, report.Checks.Single(c => c.Name == "Registry").Status);
        Assert.Contains(await TestMachine.RegistryStatusAsync(options.Registry.Value), new int?[] { 200, 401 });
        Assert.True(second.ChangedNothing, $"Second run changed: {string.Join("; ", second.Changes)} (first run: {string.Join("; ", first.Changes)})");
        Assert.Contains(sink.Messages, m => m.Contains("Packages present"));
    }

    [Fact]
    public async Task Setup_starts_a_registry_on_loopback_in_its_data_directory_once()
    {
        var root = TestMachine.TempDirectory("registry");
        var data = Path.Combine(root, "registry data");
        var registry = $"127.0.0.1:{TestMachine.FreePort()}";
        var options = new MachineOptions(root, registry, data);
        var (log, _) = InMemorySink.CreateLogger();
        try
        {
            var first = await MachineSetup.RunAsync(options, Debian, log, CancellationToken.None);
            var second = await MachineSetup.RunAsync(options, Debian, log, CancellationToken.None);

            Assert.Contains(first.Changes, c => c.StartsWith("Started docker-registry", StringComparison.Ordinal) && c.Contains(registry));
            Assert.Equal(200, await TestMachine.RegistryStatusAsync(registry));
            Assert.True(second.ChangedNothing, string.Join("; ", second.Changes));
            var config = await File.ReadAllTextAsync(Path.Combine(data, "config.yml"));
            Assert.Contains($"addr: {registry}", config);
            Assert.Contains($"rootdirectory: '{Path.Combine(data, "storage")}'", config);
            Assert.Contains("delete:\n    enabled: true", config);
            Assert.DoesNotContain("0.0.0.0", config);
            Assert.DoesNotContain("auth", config);
            Assert.True(Directory.Exists(Path.Combine(data, "storage")));
            Assert.Contains("listening on " + registry, await File.ReadAllTextAsync(Path.Combine(root, "logs", "setup", $"registry-{DateTime.UtcNow:yyyyMMdd}.log")));
        }
        finally
        {
            if (File.Exists(Path.Combine(data, "registry.pid")))
                TestMachine.Kill(int.Parse(await File.ReadAllTextAsync(Path.Combine(data, "registry.pid"))));
            TestMachine.Delete(root);
        }
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Setup_refuses_with_exact_instructions_and_changes_nothing_when_not_allowed(bool isRoot, bool isDebian)
    {
        var data = Path.Combine(Path.GetTempPath(), $"pipeline-tests-refused {Guid.NewGuid():N}");
        var registry = $"127.0.0.1:{TestMachine.FreePort()}";
        var options = new MachineOptions(TestMachine.RepositoryRoot, registry, data) { IsCI = false };
        var (log, _) = InMemorySink.CreateLogger();

        var error = await Assert.ThrowsAsync<MachineSetupException>(() =>
            MachineSetup.RunAsync(options, new MachineFacts(isRoot, isDebian, "Some OS"), log, CancellationToken.None));

        Assert.Contains("Nothing was changed", error.Message);
        Assert.Contains("Some OS", error.Message);
        Assert.Contains($"addr: {registry}", error.Message);
        Assert.Contains($"setsid nohup docker-registry serve '{Path.Combine(data, "config.yml")}' >>'{Path.Combine(data, "registry.log")}'", error.Message);
        Assert.Contains($"mkdir -p '{Path.Combine(data, "storage")}'", error.Message);
        Assert.Contains("./build.sh Doctor", error.Message);
        Assert.False(Directory.Exists(data));
        Assert.Null(await TestMachine.RegistryStatusAsync(registry));
    }

    [Fact]
    public async Task Setup_does_not_refuse_a_regular_user_when_nothing_is_missing()
    {
        var options = new MachineOptions(TestMachine.RepositoryRoot);
        var (log, _) = InMemorySink.CreateLogger();
        await MachineSetup.RunAsync(options, log, CancellationToken.None);

        var result = await MachineSetup.RunAsync(options, new MachineFacts(false, false, "Some OS"), log, CancellationToken.None);

        Assert.True(result.ChangedNothing);
    }

    [Fact]
    public async Task Setup_says_a_remote_registry_is_unreachable_instead_of_starting_one()
    {
        var options = new MachineOptions(TestMachine.RepositoryRoot, "registry.invalid:5000", TestMachine.TempDirectory("remote"));
        var (log, _) = InMemorySink.CreateLogger();
        try
        {
            var error = await Assert.ThrowsAsync<MachineSetupException>(() =>
                MachineSetup.RunAsync(options, Debian, log, CancellationToken.None));

            Assert.Contains("registry.invalid:5000 is unreachable", error.Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(options.RegistryDataDirectory));
        }
        finally
        {
            TestMachine.Delete(options.RegistryDataDirectory);
        }
    }

    [Fact]
    public async Task Setup_starts_a_detached_engine_when_none_answers_and_a_second_run_changes_nothing()
    {
        var root = TestMachine.TempDirectory("engine");
        var options = new MachineOptions(root)
        {
            DockerHost = $"unix://{root}/run/docker.sock",
            // Its own network namespace: a second dockerd must never touch the shared engine's docker0 bridge or iptables.
            EngineCommand = ["unshare", "--net", "dockerd", "--data-root", $"{root}/data", "--exec-root", $"{root}/exec", "--pidfile", $"{root}/docker.pid", "--bridge", "none", "--iptables=false", "--ip-masq=false"],
        };
        var (log, _) = InMemorySink.CreateLogger();
        var pid = 0;
        try
        {
            var first = await MachineSetup.RunAsync(options, Debian, log, CancellationToken.None);
            pid = int.Parse(Regex.Match(Assert.Single(first.Changes), @"^Started dockerd \(pid (\d+)\)").Groups[1].Value);
            var second = await MachineSetup.RunAsync(options, Debian, log, CancellationToken.None);

            var engine = (await Doctor.CheckAsync(options, CancellationToken.None)).Checks.Single(c => c.Name == "Docker engine");
            Assert.Equal(CheckStatus.Ok, engine.Status);
            Assert.True(second.ChangedNothing, string.Join("; ", second.Changes));
            Assert.True(File.Exists(Path.Combine(root, "logs", "setup", $"dockerd-{DateTime.UtcNow:yyyyMMdd}.log")));
        }
        finally
        {
            await TestMachine.StopAsync(pid);
            TestMachine.Delete(root);
        }
    }

    [Fact]
    public async Task Engine_that_exits_at_start_fails_with_its_log_file_and_last_lines()
    {
        var root = TestMachine.TempDirectory("engine");
        var options = new MachineOptions(root)
        {
            DockerHost = $"unix://{root}/run/docker.sock",
            EngineCommand = ["dockerd", "--pipeline-test-no-such-flag"],
            EngineStartTimeout = TimeSpan.FromSeconds(20),
        };
        var (log, sink) = InMemorySink.CreateLogger();
        try
        {
            var error = await Assert.ThrowsAsync<MachineSetupException>(() =>
                MachineSetup.RunAsync(options, Debian, log, CancellationToken.None));

            var logFile = Path.Combine(root, "logs", "setup", $"dockerd-{DateTime.UtcNow:yyyyMMdd}.log");
            Assert.Contains("exited without ever answering", error.Message);
            Assert.Contains(logFile, error.Message);
            Assert.Contains("unknown flag: --pipeline-test-no-such-flag", error.Message);
            Assert.Contains(sink.Messages, m => m.Contains("Starting the Docker engine") && m.Contains($"-H {options.DockerHost}"));
            Assert.Equal(CheckStatus.Ok, (await Doctor.CheckAsync(new MachineOptions(root), CancellationToken.None)).Checks.Single(c => c.Name == "Docker engine").Status);
        }
        finally
        {
            TestMachine.Delete(root);
        }
    }

    [Fact]
    public async Task Packages_already_installed_need_no_apt_get_and_missing_ones_are_refused_with_the_apt_get_line()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var regularUser = new MachineFacts(false, true, "Debian GNU/Linux 12 (bookworm)");
        var missing = $"pipeline-test-no-such-package-{Guid.NewGuid():N}"[..40];

        var installed = await MachineSetup.EnsurePackagesAsync(["busybox-static", "debootstrap"], log, CancellationToken.None);
        var error = await Assert.ThrowsAsync<MachineSetupException>(() =>
            MachineSetup.EnsurePackagesAsync(["busybox-static", missing], regularUser, isCI: false, log, CancellationToken.None));

        Assert.Empty(installed);
        Assert.Contains($"apt-get install -y -o Dpkg::Options::=--force-confold {missing}", error.Message);
        Assert.DoesNotContain(sink.Messages, m => m.Contains("apt-get update"));
    }

    [Fact]
    public async Task Setup_starts_the_embedded_registry_only_on_its_own_address()
    {
        var options = new MachineOptions(TestMachine.RepositoryRoot, "127.0.0.1:1", MachineOptions.DefaultRegistryDataDirectory);
        var config = Path.Combine(MachineOptions.DefaultRegistryDataDirectory, "config.yml");
        var before = File.Exists(config) ? await File.ReadAllTextAsync(config) : null;
        var (log, _) = InMemorySink.CreateLogger();

        var error = await Assert.ThrowsAsync<MachineSetupException>(() => MachineSetup.RunAsync(options, Debian, log, CancellationToken.None));

        Assert.Contains("The registry 127.0.0.1:1 is unreachable", error.Message);
        Assert.Matches(@"use --registry (localhost|127\.0\.0\.1):5000", error.Message);
        Assert.Contains("Nothing was changed", error.Message);
        Assert.Equal(before, File.Exists(config) ? await File.ReadAllTextAsync(config) : null);
    }

    [Fact]
    public async Task Setup_never_rewrites_a_registry_config_that_names_another_address()
    {
        var data = TestMachine.TempDirectory("registry-config");
        try
        {
            var config = Path.Combine(data, "config.yml");
            await File.WriteAllTextAsync(config, "version: 0.1\nhttp:\n  addr: 127.0.0.1:5000\n");
            var registry = $"127.0.0.1:{TestMachine.FreePort()}";
            var (log, _) = InMemorySink.CreateLogger();

            var error = await Assert.ThrowsAsync<MachineSetupException>(() =>
                MachineSetup.RunAsync(new MachineOptions(TestMachine.RepositoryRoot, registry, data), Debian, log, CancellationToken.None));

            Assert.Contains($"The registry {registry} is unreachable", error.Message);
            Assert.Contains("listens on 127.0.0.1:5000", error.Message);
            Assert.Equal("version: 0.1\nhttp:\n  addr: 127.0.0.1:5000\n", await File.ReadAllTextAsync(config));
            Assert.Equal([config], Directory.GetFileSystemEntries(data));
            Assert.Null(await TestMachine.RegistryStatusAsync(registry));
        }
        finally
        {
            TestMachine.Delete(data);
        }
    }
}
