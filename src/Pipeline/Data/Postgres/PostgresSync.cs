using System.Diagnostics;
using Docker.DotNet;
using Serilog;

namespace Pipeline.Data.Postgres;

/// <summary>
/// Copies production's Postgres to staging, sanitized on the way: <c>pg_dump</c> (custom format) inside production's accessory,
/// streamed into a <see cref="PostgresScratch"/> on <see cref="PostgresSync"/>'s engine, checked and sanitized there
/// (<see cref="PostgresSanitizer"/>), scanned for production values, then dumped again and restored into staging's accessory
/// with <c>--clean</c> in one transaction. Every refusal (a rule missing, a leak in the copy) comes before staging changes;
/// after loading, staging itself is scanned for the same values. The dumps are streamed between execs, never written to a file.
/// </summary>
public sealed class PostgresSync(DockerClient scratchEngine, ILogger log)
{
    static readonly string[] Dump = ["--format=custom", "--compress=1"];
    static readonly string[] IntoScratch = ["--no-owner", "--no-privileges", "--exit-on-error"];
    static readonly string[] IntoStaging = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"];

    /// <summary>How many production values the leak scans look for.</summary>
    public int LeakSampleSize { get; init; } = 1000;

    /// <summary>Copies and sanitizes; says what it did and how long each step took.</summary>
    public async Task<PostgresSyncReport> CopyAsync(PostgresShell production, PostgresShell staging, SanitizationRules rules, string salt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(production);
        ArgumentNullException.ThrowIfNull(staging);
        ArgumentNullException.ThrowIfNull(rules);
        if (production.ContainerId == staging.ContainerId && production.Database == staging.Database)
            throw new DataException($"Production and staging are the same database (container {ContainerData.Short(production.ContainerId)}): pass staging's accessory as the target.");
        var steps = new List<(string, TimeSpan)>();
        var clock = Stopwatch.StartNew();
        void Step(string name)
        {
            steps.Add((name, clock.Elapsed));
            clock.Restart();
        }
        await using var scratch = await PostgresScratch.StartAsync(scratchEngine, log, ct);
        Step("scratch");
        await PipeAsync(production, scratch.Shell, IntoScratch, ct);
        log.Information("Copied {Production} into {Scratch}", production.What, scratch.Shell.What);
        Step("dump+restore");
        var sanitized = await new PostgresSanitizer(rules, salt) { SampleSize = LeakSampleSize }.SanitizeAsync(scratch.Shell, ct);
        log.Information("Sanitized the copy of {Production}: {Report}", production.What, sanitized.Describe());
        Step("sanitize");
        var copy = await PostgresLeakScan.ScanAsync(scratch.Shell, sanitized.Sample, ct);
        copy.ThrowIfLeaked("the sanitized copy", rules.Source, "staging was not changed");
        Step("scan copy");
        await PipeAsync(scratch.Shell, staging, IntoStaging, ct);
        log.Information("Loaded the sanitized copy into {Staging}", staging.What);
        Step("load staging");
        var loaded = await PostgresLeakScan.ScanAsync(staging, sanitized.Sample, ct);
        loaded.ThrowIfLeaked(staging.What, rules.Source, "staging holds them now: fix the rules and run the sync again");
        log.Information("Scanned {Staging} for {Values} production value(s) in {Columns} text column(s): none found", staging.What, loaded.Values, loaded.Columns);
        Step("scan staging");
        return new(sanitized, loaded, steps);
    }

    /// <summary>
    /// Streams <c>pg_dump</c> of <paramref name="from"/> into <c>pg_restore</c> of <paramref name="to"/>. When both fail, the
    /// dump's error is the one reported (a broken dump is what the restore choked on).
    /// </summary>
    static async Task PipeAsync(PostgresShell from, PostgresShell to, IReadOnlyList<string> restore, CancellationToken ct)
    {
        DataException? restoreFailed = null;
        await from.RunAsync("pg_dump", Dump, null, async (dump, token) =>
        {
            try
            {
                await to.RunAsync("pg_restore", restore, (stdin, t) => dump.CopyToAsync(stdin, 1 << 16, t), null, token);
            }
            catch (DataException e)
            {
                restoreFailed = e;
            }
        }, ct);
        if (restoreFailed is not null)
            throw restoreFailed;
    }
}

/// <summary>What a Postgres sync did: the sanitization, the scan of staging, and each step's duration.</summary>
public sealed record PostgresSyncReport(PostgresSanitization Sanitization, PostgresLeakScanResult Scan, IReadOnlyList<(string Step, TimeSpan Took)> Steps)
{
    /// <summary>One line for the log.</summary>
    public string Describe() =>
        $"{Sanitization.Describe()}; staging scanned for {Scan.Values} production value(s) in {Scan.Columns} text column(s), none found; " +
        string.Join(", ", Steps.Select(s => $"{s.Step} {s.Took.TotalSeconds:F1} s"));
}
