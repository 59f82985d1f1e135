using Pipeline.Delivery;
using Pipeline.Docker;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Servers;

namespace Pipeline.Tests.Delivery;

/// <summary>The lock and the audit log on a real server reached over SSH (its own engine and sshd), from two connections as two machines would.</summary>
public sealed class StateOverSshTests(StateOverSshTests.OneServer servers) : IClassFixture<StateOverSshTests.OneServer>, IDisposable
{
    /// <summary>One test server with an engine.</summary>
    public sealed class OneServer() : TestServers(1);

    readonly string root = TestMachine.TempDirectory("state-ssh");

    public void Dispose() => TestMachine.Delete(root);

    [Fact]
    public async Task Two_machines_see_one_lock_and_one_audit_log_on_the_server()
    {
        var server = servers.Servers[0];
        await using var one = await Engine.ConnectAsync(server.Host, servers.Ssh, CancellationToken.None);
        await using var two = await Engine.ConnectAsync(server.Host, servers.Ssh, CancellationToken.None);
        var mine = new TargetState(one.Client, "t" + Guid.NewGuid().ToString("N")[..10]);
        var theirs = mine with { Docker = two.Client };
        var (log, _) = InMemorySink.CreateLogger();

        await using (var held = await DeployLock.AcquireAsync(mine, "production", LockOwner.Current("1.0.0"), log))
        {
            var error = await Assert.ThrowsAsync<DeployLockedException>(() => DeployLock.AcquireAsync(theirs, "production", LockOwner.Current("2.0.0"), log));
            Assert.Contains("deploying 1.0.0", error.Message);
            Assert.Equal(held.Status.Token, (await DeployLock.ReadAsync(theirs, "production", CancellationToken.None))!.Token);
            Assert.True(await new AuditLog(Path.Combine(root, "one", "audit.jsonl")).OnTarget(mine, log)
                .AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Promote, "production", AuditOutcome.Succeeded) { Version = "1.0.0" }, CancellationToken.None));
        }

        Assert.Null(await DeployLock.ReadAsync(theirs, "production", CancellationToken.None));
        var history = await new AuditLog(Path.Combine(root, "two", "audit.jsonl")).OnTarget(theirs, log).ReadAsync("production", 10, CancellationToken.None);
        Assert.True(history.OnTarget, history.Source);
        Assert.Equal(["1.0.0"], history.Entries.Select(e => e.Version));
    }
}
