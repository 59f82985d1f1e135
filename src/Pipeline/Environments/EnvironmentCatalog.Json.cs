using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Model;

namespace Pipeline.Environments;

public sealed partial class EnvironmentCatalog
{
    /// <summary>The properties an environment may have, as <c>deploy/environments.schema.json</c> lists them.</summary>
    public static IReadOnlyList<string> Properties { get; } = ["hosts", "port", "publish", "hostName", "composeFiles", "profile"];

    static readonly string[] TopLevel = ["$schema", "environments"];
    static readonly string Example = $$"""{ "environments": { "{{DeployEnvironment.Production.Name}}": { "hosts": ["ssh://deploy@server1"], "port": 80 } } }""";

    /// <summary>
    /// The catalog <paramref name="json"/> defines (<paramref name="source"/> names the file and its folder holds the compose files): its environments,
    /// and staging and production as by default where it does not define them. Throws an <see cref="EnvironmentCatalogException"/> listing every
    /// problem with its line and position.
    /// </summary>
    public static EnvironmentCatalog Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var utf8 = Encoding.UTF8.GetBytes(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new EnvironmentCatalogException(string.Create(CultureInfo.InvariantCulture,
                $"{source}, line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: not valid JSON ({e.Message.Split(" LineNumber", 2)[0].Split(" Path:", 2)[0].Trim()}). Fix the JSON (comments and trailing commas are allowed); its shape is {Example}."), e);
        }
        using (document)
        {
            var reader = new FileReader(source, Positions(utf8));
            var defined = reader.Read(document.RootElement);
            List<EnvironmentDefinition> all = [.. Defaults.Definitions.Select(d => defined.FirstOrDefault(f => f.Name == d.Name) ?? d), .. defined.Where(f => !Defaults.Names.Contains(f.Name))];
            if (reader.Problems.Count == 0)
            {
                foreach (var clash in SharedPorts(all))
                    reader.Problem($"environments.{clash.Later.Name}.port", Clash(clash));
            }
            return reader.Problems.OrderBy(p => p.At).ToList() switch
            {
                [] => new(source, all, []),
                [var one] => throw new EnvironmentCatalogException($"{source}{(one.At.Line > 0 ? ", " + Where(one.At) : "")}: {one.Message}."),
                var many => throw new EnvironmentCatalogException(
                    $"{source} has {many.Count} problems:\n  {string.Join("\n  ", many.Select(p => (p.At.Line > 0 ? Where(p.At) + ": " : "") + p.Message + "."))}"),
            };
        }
    }

    static string Where((int Line, int Position) at) => string.Create(CultureInfo.InvariantCulture, $"line {at.Line}, position {at.Position}");

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
