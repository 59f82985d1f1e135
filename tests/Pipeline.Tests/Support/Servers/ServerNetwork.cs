using Pipeline.Tools;

namespace Pipeline.Tests.Support.Servers;

/// <summary>
/// A network namespace joined to this machine by a veth pair with a /30 of 10.213.0.0/16 that no other interface here
/// uses: the free /30 is chosen and taken under one machine-wide lock (<c>flock</c>), so test processes running side by
/// side never collide.
/// </summary>
sealed record ServerNetwork(string Name, string Address)
{
    const string Script = """
        set -eu
        name=$1
        exec 9>/tmp/pipeline-test-servers.lock
        flock 9
        used=" $(ip -o -4 addr show | awk '{print $4}' | tr '\n' ' ')"
        i=0
        while [ "$i" -lt 16384 ]; do
          a=$((i / 64)); b=$((i % 64 * 4))
          case "$used" in *" 10.213.$a.$((b + 1))/"*) i=$((i + 1)) ;; *) break ;; esac
        done
        [ "$i" -lt 16384 ] || { echo "no free /30 left in 10.213.0.0/16" >&2; exit 1; }
        ip netns add "$name"
        ip link add "${name}h" type veth peer name "${name}n"
        ip link set "${name}n" netns "$name"
        ip addr add "10.213.$a.$((b + 1))/30" dev "${name}h"
        ip link set "${name}h" up
        ip -n "$name" addr add "10.213.$a.$((b + 2))/30" dev "${name}n"
        ip -n "$name" link set "${name}n" up
        ip -n "$name" link set lo up
        echo "10.213.$a.$((b + 2))"
        """;

    /// <summary>The namespace's path for <c>nsenter --net=</c>.</summary>
    public string Path => $"/var/run/netns/{Name}";

    /// <summary>Creates the namespace <paramref name="name"/> (at most 14 characters) and its veth pair.</summary>
    public static async Task<ServerNetwork> CreateAsync(string name)
    {
        var result = await new ExternalTool("/bin/sh").RunAsync(["-c", Script, "server-network", name]);
        if (!result.Succeeded)
        {
            await DeleteAsync(name);
            throw new InvalidOperationException($"Could not create the network of test server {name}: {result.StandardError.Trim()}");
        }
        return new ServerNetwork(name, result.StandardOutput.Trim());
    }

    /// <summary>Ids of the processes still inside the namespace.</summary>
    public async Task<IReadOnlyList<int>> ProcessesAsync()
    {
        var result = await new ExternalTool("ip").RunAsync(["netns", "pids", Name]);
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
    }

    /// <summary>Deletes the namespace and the veth pair; what is already gone is ignored.</summary>
    public Task DeleteAsync() => DeleteAsync(Name);

    static async Task DeleteAsync(string name)
    {
        await new ExternalTool("ip").RunAsync(["netns", "delete", name]);
        await new ExternalTool("ip").RunAsync(["link", "delete", name + "h"]);
    }
}
