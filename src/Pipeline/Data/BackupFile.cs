namespace Pipeline.Data;

/// <summary>One file of a backup: its path inside the data folder (e.g. <c>app.db</c>), size in bytes and sha256 (lowercase hex).</summary>
public sealed record BackupFile(string Path, long Size, string Sha256);
