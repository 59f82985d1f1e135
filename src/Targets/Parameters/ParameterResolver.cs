using System.Text.Json;

namespace Targets;

/// <summary>A value read from <c>.nuke/parameters.json</c> or a profile file.</summary>
internal sealed record FileValue(string Key, IReadOnlyList<string> Values, string File)
{
    public string Normalized => Names.Normalize(Key);
}

/// <summary>
/// Sets each parameter from, in order of precedence: the command line, environment variables
/// (exact name, loose name, NUKE_ prefix), profile files (the last named wins), <c>.nuke/parameters.json</c>,
/// and otherwise leaves the value the build class gives it. Files may also name the targets to run and skip.
/// </summary>
internal sealed class ParameterResolver(IReadOnlyDictionary<string, string> environment, string nukeDirectory)
{
    public void Resolve(NukeBuild build, IReadOnlyList<ParameterMember> members, Arguments arguments, IReadOnlyList<string> profiles)
    {
        var known = members.Select(m => m.CliName).Concat(Arguments.BuiltIns).ToList();
        foreach (var option in arguments.Options.Where(o => !known.Any(k => Names.Normalize(k) == o.Key)))
            throw new UsageException($"Unknown parameter '--{option.Spelling}'.{Names.Hint("--" + option.Spelling, known.Select(k => "--" + k))} Run './build.sh --help' to list parameters.");
        var files = profiles.Reverse().SelectMany(p => Read($"parameters.{p}.json", required: true)).Concat(Read("parameters.json", required: false)).ToList();
        foreach (var value in files.Where(f => f.Normalized is not ("target" or "skip") && !members.Any(m => Names.Normalize(m.Name) == f.Normalized)))
            throw new UsageException($"{value.File} sets '{value.Key}', which is not a parameter of this build.{Names.Hint(value.Key, members.Select(m => m.Name))} Remove or rename it.");
        foreach (var value in files.Where(f => f.Normalized is "target" or "skip" && !arguments.Has(f.Normalized)).DistinctBy(f => f.Normalized))
        {
            arguments.Options.Add(new Option(value.Normalized, [.. value.Values]));
            if (value.Normalized == "target")
                arguments.Targets.AddRange(value.Values);
        }

        foreach (var member in members)
        {
            if (arguments.Find(member.Name) is { } option)
                Set(build, member, option.Values, "argument --" + member.CliName);
            else if (FromEnvironment(member) is { } env)
                Set(build, member, [env.Value], "environment " + env.Key);
            else if (files.FirstOrDefault(f => f.Normalized == Names.Normalize(member.Name)) is { } file)
                Set(build, member, file.Values, Path.GetFileName(file.File));
        }
    }

    /// <summary>The exact name first, then a loose spelling, then NUKE_NAME. An empty variable counts as unset: CI systems pass unset secrets and inputs as "".</summary>
    KeyValuePair<string, string>? FromEnvironment(ParameterMember member) =>
        environment.Where(e => e.Value.Length > 0 && Names.Normalize(e.Key) is var k && (k == Names.Normalize(member.Name) || k == "nuke" + Names.Normalize(member.Name)))
            .OrderBy(e => e.Key == member.Name ? 0 : e.Key.StartsWith("NUKE_", StringComparison.OrdinalIgnoreCase) ? 2 : 1)
            .Cast<KeyValuePair<string, string>?>().FirstOrDefault();

    static void Set(NukeBuild build, ParameterMember member, IReadOnlyList<string> values, string source)
    {
        member.Field.SetValue(build, ValueConverter.Convert(member.Type, values, member.CliName, source));
        member.Source = source;
    }

    List<FileValue> Read(string name, bool required)
    {
        var path = Path.Combine(nukeDirectory, name);
        if (!File.Exists(path))
        {
            var profiles = Directory.GetFiles(nukeDirectory, "parameters.*.json").Select(f => Path.GetFileName(f)[11..^5]).DefaultIfEmpty("none");
            return required ? throw new UsageException($"Profile file {path} does not exist. Available profiles: {string.Join(", ", profiles)}. Create the file or drop --profile.") : [];
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{path} must hold a JSON object of parameter defaults, e.g. {{\"Registry\": \"localhost:5000\"}}.");
            return [.. document.RootElement.EnumerateObject().Where(p => !p.Name.StartsWith('$') && p.Value.ValueKind != JsonValueKind.Null).Select(p => new FileValue(p.Name, Strings(p.Value), path))];
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message.Split(" LineNumber", 2)[0]} Fix the file; it holds parameter defaults as {{\"Name\": value}}.");
        }
    }

    static List<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().SelectMany(Strings)],
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        _ => [value.GetRawText()],
    };
}
