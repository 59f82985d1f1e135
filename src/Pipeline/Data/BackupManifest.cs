using System.Text.Json;

namespace Pipeline.Data;

/// <summary>
/// <c>manifest.json</c> of one backup folder. <see cref="Id"/> is the folder name (<c>yyyyMMdd-HHmmss</c>, UTC);
/// <see cref="Sha256"/> and <see cref="Size"/> are those of <c>data.tar</c>, checked before any restore.
/// </summary>
public sealed record BackupManifest(
    string Id, string Environment, DateTime CreatedAt, string Version, string Reason, string DataPath, string Sha256, long Size, IReadOnlyList<BackupFile> Files)
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
    public string Describe() =>
        $"{Id}  {Environment}  {Version}  {Size:N0} bytes  {Files.Count} file(s)  {Reason}";

    internal void Write(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    internal static BackupManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
            return manifest is { Sha256.Length: 64 } ? manifest : throw new JsonException("'sha256' is missing or not 64 hex digits");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new DataException($"Backup manifest {path} cannot be read ({e.Message}); this backup cannot be verified, so use another one.", e);
        }
    }
}
