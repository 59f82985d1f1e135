using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Delivery;

/// <summary>
/// What a rollback point restores, stored as the JSON message of its annotated tag: the environment, the version and commit it
/// ran, each service's image by digest, the backup taken with it, who made it and why.
/// </summary>
/// <param name="Environment">The environment the point was taken of, such as <c>production</c>.</param>
/// <param name="Version">The version the environment ran.</param>
/// <param name="Commit">The commit of that version (stored as the full sha).</param>
/// <param name="Images">Image per service by digest: <c>app</c> → <c>repo@sha256:...</c>.</param>
/// <param name="BackupId">The data backup taken with the point, or null when there is none.</param>
/// <param name="CreatedBy">Who made the point, such as <c>alice@build-01</c>.</param>
/// <param name="Reason">Why, such as <c>before promoting 1.2.4</c>.</param>
/// <param name="CreatedAt">When the point was made.</param>
public sealed partial record RollbackManifest(
    string Environment, string Version, string Commit, IReadOnlyDictionary<string, string> Images, string? BackupId, string CreatedBy, string Reason, DateTimeOffset CreatedAt)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    internal string ToJson() => JsonSerializer.Serialize(this with { CreatedAt = CreatedAt.ToUniversalTime() }, Json) + "\n";

    /// <summary>The manifest in a tag message (anything around the JSON object, such as a signature, is ignored), or why there is none.</summary>
    internal static (RollbackManifest? Manifest, string? Problem) Parse(string message)
    {
        var start = message.IndexOf('{', StringComparison.Ordinal);
        var end = message.LastIndexOf('}');
        if (start < 0 || end < start)
            return (null, "the tag message holds no JSON manifest");
        try
        {
            var manifest = JsonSerializer.Deserialize<RollbackManifest>(message[start..(end + 1)], Json);
            var problem = manifest is null ? "the manifest is null" : manifest.Problem();
            return problem is null ? (manifest, null) : (null, problem);
        }
        catch (JsonException e)
        {
            return (null, $"the manifest is not valid JSON: {e.Message}");
        }
    }

    /// <summary>What makes the manifest unusable for a rollback, or null.</summary>
    internal string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Environment))
            return "'environment' is empty";
        if (string.IsNullOrWhiteSpace(Version))
            return "'version' is empty";
        if (!Sha().IsMatch(Commit ?? ""))
            return $"'commit' is '{Commit}', not a commit sha";
        if (Images is null || Images.Count == 0)
            return "'images' lists no image";
        foreach (var (service, image) in Images)
            if (!DigestReference().IsMatch(image ?? ""))
                return $"image of '{service}' is '{image}', not a repository@sha256:<64 hex digits> reference";
        return null;
    }

    [GeneratedRegex("^[0-9a-f]{7,64}$")]
    private static partial Regex Sha();

    [GeneratedRegex("^[^@\\s]+@sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestReference();
}
