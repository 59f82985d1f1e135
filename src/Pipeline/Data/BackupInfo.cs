namespace Pipeline.Data;

/// <summary>What a backup is for: the environment it was taken from, the version running there, and why it was taken.</summary>
public sealed record BackupInfo(string Environment, string Version, string Reason);
