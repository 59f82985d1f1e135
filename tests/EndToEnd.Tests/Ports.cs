using System.Net;
using System.Net.Sockets;

namespace EndToEnd.Tests;

/// <summary>Free ports on 127.0.0.1 for the sites a test creates.</summary>
internal static class Ports
{
    /// <summary><paramref name="count"/> distinct free ports: every listener stays open until all are known, so none repeats.</summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var l in listeners)
            l.Start();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners)
            l.Stop();
        return ports;
    }
}
