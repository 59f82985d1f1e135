using Serilog;

namespace Pipeline.Delivery;

public sealed partial class AuditLog
{
    static readonly TimeSpan TargetTimeout = TimeSpan.FromMinutes(2);

    ILogger log = Serilog.Core.Logger.None;

    /// <summary>Where entries are appended besides <see cref="Path"/>: each environment's log on its engine; null for the local file only.</summary>
    public TargetState? Target { get; private init; }

    /// <summary>This log, whose entries are also appended on <paramref name="target"/> (a failure there is logged to <paramref name="logger"/>, the local entry stays).</summary>
    public AuditLog OnTarget(TargetState target, ILogger logger) =>
        new(Path) { Target = target ?? throw new ArgumentNullException(nameof(target)), log = logger ?? throw new ArgumentNullException(nameof(logger)) };

    /// <summary>
    /// Appends <paramref name="entry"/> to the local file, then to its environment's log on <see cref="Target"/>; true when it reached the
    /// target too (a target that cannot be reached is logged as a warning and never fails the action that is being recorded).
    /// </summary>
    public async Task<bool> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        Append(entry);
        if (Target is null)
            return false;
        using var time = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        time.CancelAfter(TargetTimeout);
        try
        {
            await AuditVolume.AppendAsync(Target, entry.Environment, Line(entry), time.Token);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Warning("Could not append to the audit log on {Environment}'s engine (volume {Volume}): {Error}. The entry is in {Path}",
                entry.Environment, Target.AuditVolume(entry.Environment), e.Message, Path);
            return false;
        }
    }

    /// <summary>
    /// The last <paramref name="count"/> entries of <paramref name="environment"/>'s log on <see cref="Target"/>; when the target has none
    /// (or there is no target), this checkout's entries about <paramref name="environment"/>, with a note saying so.
    /// </summary>
    public async Task<AuditHistory> ReadAsync(string environment, int count, CancellationToken cancellationToken)
    {
        if (Target is not null && await AuditVolume.ReadAsync(Target, environment, cancellationToken) is { } text)
            return new AuditHistory(Last(text, count), $"{environment}'s audit log on its engine (volume {Target.AuditVolume(environment)})", OnTarget: true);
        var local = ReadLast(int.MaxValue).Where(e => e.Environment == environment).TakeLast(count).ToList();
        var why = Target is null ? "no target engine was given" : $"{environment}'s engine has no audit log yet (no volume {Target.AuditVolume(environment)})";
        return new AuditHistory(local, $"{why}; showing this checkout's entries about {environment} ({Path})", OnTarget: false);
    }

    /// <summary>The last <paramref name="count"/> entries of this checkout's log, every environment's, with a note saying so.</summary>
    public AuditHistory ReadLocal(int count) =>
        new(ReadLast(count), $"This checkout's audit log, every environment ({Path}); --environment NAME shows that environment's log on its engine", OnTarget: false);
}

/// <summary>Audit entries read for a display, and where they came from.</summary>
/// <param name="Entries">The entries, oldest first.</param>
/// <param name="Source">Where they were read, as a line for the reader.</param>
/// <param name="OnTarget">True when read from the target's log, false when from the local file.</param>
public sealed record AuditHistory(IReadOnlyList<AuditEntry> Entries, string Source, bool OnTarget);
