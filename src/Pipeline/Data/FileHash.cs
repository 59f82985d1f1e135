using System.Security.Cryptography;

namespace Pipeline.Data;

/// <summary>sha256 as lowercase hex.</summary>
internal static class FileHash
{
    public const string Empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static async Task<string> OfFileAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return await OfStreamAsync(file, ct);
    }

    public static async Task<string> OfStreamAsync(Stream stream, CancellationToken ct) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
}
