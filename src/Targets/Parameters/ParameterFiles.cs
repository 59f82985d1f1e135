using System.Text.Json;

namespace Targets;

/// <summary>A value read from <c>.nuke/parameters.json</c> or a profile file.</summary>
internal sealed record FileValue(string Key, IReadOnlyList<string> Values, string File);

/// <summary>Reads <c>.nuke/parameters.json</c> and <c>.nuke/parameters.NAME.json</c> profiles.</summary>
internal static class ParameterFiles
{
    public static Dictionary<string, FileValue> Read(string path, bool required)
    {
        var result = new Dictionary<string, FileValue>();
        if (!File.Exists(path))
        {
            if (!required)
                return result;
            var folder = Path.GetDirectoryName(path)!;
            var profiles = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "parameters.*.json").Select(f => Path.GetFileName(f)[11..^5]).ToList()
                : [];
            throw new UsageException($"Profile file {path} does not exist. Available profiles: {(profiles.Count > 0 ? string.Join(", ", profiles) : "none")}. Create the file or drop --profile.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message.Split(" LineNumber", 2)[0]} Fix the file; it holds parameter defaults as {{\"Name\": value}}.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{path} must hold a JSON object of parameter defaults, e.g. {{\"Registry\": \"localhost:5000\"}}.");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$') || property.Value.ValueKind == JsonValueKind.Null)
                    continue;
                result[Names.Normalize(property.Name)] = new FileValue(property.Name, ToStrings(property.Value), path);
            }
        }
        return result;
    }

    static List<string> ToStrings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().SelectMany(ToStrings).ToList(),
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        _ => [value.GetRawText()],
    };
}
