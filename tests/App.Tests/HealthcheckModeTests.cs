using System.Net;
using System.Net.Sockets;
using App.Tests.Support;

namespace App.Tests;

public sealed class HealthcheckModeTests
{
    [Fact]
    public async Task Exits_1_when_nothing_listens()
    {
        var (exitCode, output) = await AppBinary.RunAsync(new Dictionary<string, string> { ["PORT"] = Ports.Free().ToString() }, "--healthcheck");

        Assert.Equal(1, exitCode);
        Assert.Contains("unhealthy", output);
    }

    [Fact]
    public async Task Exits_1_when_health_is_not_200()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.ReadAtLeastAsync(new byte[4096], 1, throwOnEndOfStream: false);
            await stream.WriteAsync("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        });

        var (exitCode, output) = await AppBinary.RunAsync(new Dictionary<string, string> { ["PORT"] = port.ToString() }, "--healthcheck");
        await server;

        Assert.Equal(1, exitCode);
        Assert.Contains("503", output);
    }

    [Fact]
    public async Task Gives_up_within_about_3_seconds_on_a_silent_server()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (exitCode, _) = await AppBinary.RunAsync(new Dictionary<string, string> { ["PORT"] = port.ToString() }, "--healthcheck");

        Assert.Equal(1, exitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed} (probe budget 2.5 s plus process start)");
    }
}
