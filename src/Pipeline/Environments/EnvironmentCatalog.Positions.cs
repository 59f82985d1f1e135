using System.Text.Json;

namespace Pipeline.Environments;

public sealed partial class EnvironmentCatalog
{
    /// <summary>
    /// Where each property and array item of a valid JSON text starts, by path (<c>environments.staging.hosts[1]</c>), as a
    /// 1-based line and byte position; a property is located at its name, a repeated property at its last occurrence.
    /// </summary>
    static Dictionary<string, (int Line, int Position)> Positions(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == '\n')
                starts.Add(i + 1);
        }
        (int, int) At(long offset)
        {
            var line = starts.BinarySearch((int)offset);
            line = line < 0 ? ~line - 1 : line;
            return (line + 1, (int)offset - starts[line] + 1);
        }

        var map = new Dictionary<string, (int, int)>();
        var open = new Stack<(string Path, int NextItem)>();
        var property = "";
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                open.Pop();
                continue;
            }
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = Child(open.Peek().Path, reader.GetString()!);
                map[property] = At(reader.TokenStartIndex);
                continue;
            }
            var path = property;
            if (open.Count == 0)
                path = "";
            else if (open.Peek() is { NextItem: >= 0 } array)
            {
                open.Pop();
                open.Push(array with { NextItem = array.NextItem + 1 });
                map[path = $"{array.Path}[{array.NextItem}]"] = At(reader.TokenStartIndex);
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                open.Push((path, reader.TokenType == JsonTokenType.StartArray ? 0 : -1));
        }
        return map;
    }

    static string Child(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";
}
