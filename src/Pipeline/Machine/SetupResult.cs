namespace Pipeline.Machine;

/// <summary>What <see cref="MachineSetup"/> changed, one line per change ("Installed busybox-static", "Started dockerd ...").</summary>
public sealed record SetupResult(IReadOnlyList<string> Changes)
{
    /// <summary>True when the machine already had everything: a repeated set-up changes nothing.</summary>
    public bool ChangedNothing => Changes.Count == 0;
}
