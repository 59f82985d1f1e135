using System.Text.Json;
using Pipeline.Model;

namespace Pipeline.Images;

/// <summary>A release manifest could not be read; the message names the file and the problem.</summary>
public sealed class ReleaseManifestException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What was released: the version, the commit, and each stage's image by digest (stage <c>production</c> → <c>repo@sha256:...</c>).</summary>
public sealed record ReleaseManifest(string Version, string Commit, IReadOnlyDictionary<string, string> Images)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>
    /// Writes the manifest as indented JSON, creating the folder; replaces the file in one step. A manifest that could not be
    /// deployed (no image, an image not by digest) is refused and the file left as it is.
    /// </summary>
    public void Write(string path)
    {
        if (Problem() is { } problem)
            throw new ReleaseManifestException($"Not writing {path}: the release manifest is not valid ({problem}), so the file was left as it is.");
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json) + "\n");
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Reads a manifest written by <see cref="Write"/>; throws <see cref="ReleaseManifestException"/> when it is missing or malformed.</summary>
    public static ReleaseManifest Read(string path)
    {
        if (!File.Exists(path))
            throw new ReleaseManifestException($"{path} not found: run {Commands.PushImages} first.");
        ReleaseManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ReleaseManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ReleaseManifestException($"{path} is not a valid release manifest: {e.Message} Run {Commands.PushImages} to write it again.", e);
        }
        if ((manifest is null ? "it holds null" : manifest.Problem()) is { } problem)
            throw new ReleaseManifestException($"{path} is not a valid release manifest: {problem}. Run {Commands.PushImages} to write it again.");
        return manifest!;
    }

    /// <summary>
    /// The release the environments deploy: the production stage's image as the image of <paramref name="service"/>.
    /// Throws naming the fix when the manifest has no production image.
    /// </summary>
    public Release ReleaseOf(string service) =>
        Images.TryGetValue(ImageStage.Production.Name, out var image)
            ? Release.Of(Version, Commit, service, image)
            : throw new ReleaseManifestException($"The release manifest has no '{ImageStage.Production}' image (it has {string.Join(", ", Images.Keys)}): run {Commands.PushImages}.");

    private string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Version))
            return "'version' is empty";
        if (string.IsNullOrWhiteSpace(Commit))
            return "'commit' is empty";
        if (Images.Count == 0)
            return "'images' lists no image";
        foreach (var (stage, image) in Images)
        {
            if (string.IsNullOrWhiteSpace(image))
                return $"image '{stage}' is empty";
            ImageReference? reference = null;
            try
            {
                reference = ImageReference.Parse(image);
            }
            catch (ImageBuildException)
            {
            }
            if (reference?.Digest is null)
                return $"image '{stage}' is '{image}', not a repository@sha256:... reference";
        }
        return null;
    }
}
