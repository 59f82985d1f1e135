using System.Text.Json;
using Pipeline.Data.Postgres;

namespace Pipeline.Data;

/// <summary>
/// <c>manifest.json</c> of one backup folder. <see cref="Id"/> is the folder name (<c>yyyyMMdd-HHmmss</c>, UTC);
/// <see cref="Sha256"/> and <see cref="Size"/> are those of the archive (<see cref="BackupStore.ArchivePath(BackupManifest)"/>),
/// checked before any restore. <see cref="DataPath"/> is the data folder of a <see cref="BackupKind.Sqlite"/> backup and the
/// database of a <see cref="BackupKind.Postgres"/> one, whose <see cref="Postgres"/> holds the server version and the table
/// facts read in the dump's snapshot. Manifests written before kinds existed read as <see cref="BackupKind.Sqlite"/>.
/// </summary>
public sealed record BackupManifest(
    string Id, string Environment, DateTime CreatedAt, string Version, string Reason, string DataPath, string Sha256, long Size, IReadOnlyList<BackupFile> Files,
    BackupKind Kind = BackupKind.Sqlite, PostgresBackupFacts? Postgres = null)
{
    /// <summary>The manifest's file name inside a backup folder.</summary>
    public const string FileName = "manifest.json";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>One line for logs and listings.</summary>
    public string Describe() => Postgres is { } facts
        ? $"{Id}  {Environment}  {Version}  {Size:N0} bytes  postgres {DataPath}: {facts.Tables.Count} table(s), {facts.Rows:N0} row(s)  {Reason}"
        : $"{Id}  {Environment}  {Version}  {Size:N0} bytes  {Files.Count} file(s)  {Reason}";

    /// <summary>The Postgres facts of this backup; a clear error when it is not a Postgres backup.</summary>
    public PostgresBackupFacts RequirePostgres() =>
        Kind == BackupKind.Postgres && Postgres is { } facts
            ? facts
            : throw new DataException($"Backup {Id} of {Environment} is a {Kind.ToString().ToLowerInvariant()} backup of {DataPath}, not a Postgres dump; restore it with the service's data restore, or pick a Postgres backup.");

    internal void Write(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    internal static BackupManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
            return manifest switch
            {
                not { Sha256.Length: 64 } => throw new JsonException("'sha256' is missing or not 64 hex digits"),
                { Kind: BackupKind.Postgres, Postgres: null } => throw new JsonException("a postgres backup without 'postgres' (server version and table facts)"),
                _ => manifest,
            };
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new DataException($"Backup manifest {path} cannot be read ({e.Message}); this backup cannot be verified, so use another one.", e);
        }
    }
}
