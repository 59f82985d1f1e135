using System.Text.RegularExpressions;
using Docker.DotNet;

namespace Pipeline.Delivery;

/// <summary>
/// Where an environment's shared state lives: the engine of its first host, whichever machine deploys. The deploy lock is the container
/// <c>&lt;prefix&gt;-deploy-lock-&lt;environment&gt;</c> and the audit log is <c>audit.jsonl</c> in the volume <c>&lt;prefix&gt;-audit-&lt;environment&gt;</c>,
/// both made from <see cref="Image"/>, never started.
/// </summary>
/// <param name="Docker">The engine of the environment's first host.</param>
/// <param name="Prefix">The prefix of the environment's Compose projects (two prefixes never share a lock).</param>
public sealed partial record TargetState(DockerClient Docker, string Prefix)
{
    /// <summary>The label every lock container, audit volume and helper carries, set to the prefix (what a clean-up looks for).</summary>
    public const string PrefixLabel = "org.app-pipeline.state.prefix";

    /// <summary>How long a lock stays live without being renewed; its holder renews it every quarter of this.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(2);

    /// <summary>How long a lock this run takes stays live without being renewed.</summary>
    public TimeSpan Lease { get; init; } = DefaultLease;

    /// <summary>The clock leases are written and judged by.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The tiny image the state containers are created from, imported on the engine when missing (never pulled).</summary>
    public string Image { get; init; } = "app-pipeline/state:1";

    /// <summary>The deploy lock container of <paramref name="environment"/>.</summary>
    public string LockContainer(string environment) => $"{Prefix}-deploy-lock-{Checked(environment)}";

    /// <summary>The volume holding the audit log of <paramref name="environment"/>.</summary>
    public string AuditVolume(string environment) => $"{Prefix}-audit-{Checked(environment)}";

    /// <summary>The labels every state object of this prefix carries.</summary>
    internal Dictionary<string, string> Labels(string role) => new() { [PrefixLabel] = Prefix, ["org.app-pipeline.state.role"] = role };

    static string Checked(string environment) =>
        SafeName().IsMatch(environment ?? "")
            ? environment!
            : throw new ArgumentException($"'{environment}' is not an environment name: use letters, digits, '.', '-' or '_', such as production.", nameof(environment));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();
}
