using Pipeline.Tests.Support;
using Pipeline.Tools;

namespace Pipeline.Tests.Registry;

/// <summary>
/// A second registry for one test: <c>docker-registry serve</c> on a free 127.0.0.1 port with htpasswd (bcrypt) auth,
/// in its own temp folder. Dispose stops it and deletes the folder. Needs <c>htpasswd</c> from Debian's apache2-utils.
/// </summary>
public sealed class AuthRegistry : IAsyncDisposable
{
    private AuthRegistry(string directory, string address, int pid) => (Directory, Address, Pid) = (directory, address, pid);

    public string Directory { get; }

    /// <summary>The registry as <c>127.0.0.1:port</c>.</summary>
    public string Address { get; }

    public int Pid { get; }

    public static async Task<AuthRegistry> StartAsync(string username, string password)
    {
        if (Executable.Find("htpasswd") is null)
            throw new InvalidOperationException("htpasswd is missing: install Debian's apache2-utils (apt-get install -y apache2-utils); the Test target's test tools include it.");
        var directory = TestMachine.TempDirectory("auth-registry");
        var pid = 0;
        try
        {
            var address = $"127.0.0.1:{TestMachine.FreePort()}";
            var htpasswd = await new ExternalTool("htpasswd").RunCheckedAsync(["-Bbn", username, password]);
            await File.WriteAllTextAsync(Path.Combine(directory, "htpasswd"), htpasswd.StandardOutput.Trim() + "\n");
            var config = Path.Combine(directory, "config.yml");
            await File.WriteAllTextAsync(config, $"""
                version: 0.1
                log:
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: '{Path.Combine(directory, "storage")}'
                  delete:
                    enabled: true
                auth:
                  htpasswd:
                    realm: test
                    path: '{Path.Combine(directory, "htpasswd")}'
                http:
                  addr: {address}

                """);
            var logFile = Path.Combine(directory, "registry.log");
            pid = await DetachedProcess.StartAsync(["/usr/bin/docker-registry", "serve", config], logFile);
            for (var i = 0; i < 200 && await TestMachine.RegistryStatusAsync(address) != 401; i++)
            {
                if (!DetachedProcess.IsRunning(pid))
                    throw new InvalidOperationException($"The test registry exited at start:\n{DetachedProcess.Tail(logFile)}");
                await Task.Delay(50);
            }
            if (await TestMachine.RegistryStatusAsync(address) != 401)
                throw new InvalidOperationException($"The test registry at {address} did not answer 401 within 10 s:\n{DetachedProcess.Tail(logFile)}");
            return new AuthRegistry(directory, address, pid);
        }
        catch
        {
            await TestMachine.StopAsync(pid);
            TestMachine.Delete(directory);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await TestMachine.StopAsync(Pid);
        TestMachine.Kill(Pid);
        TestMachine.Delete(Directory);
    }
}
