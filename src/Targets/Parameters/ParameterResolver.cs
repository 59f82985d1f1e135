namespace Targets;

/// <summary>
/// Sets each parameter from, in order of precedence: the command line, environment variables
/// (exact name, loose name, NUKE_ prefix), profile files (the last named wins), <c>.nuke/parameters.json</c>,
/// and otherwise leaves the value the build class gives it.
/// </summary>
internal sealed class ParameterResolver(IReadOnlyDictionary<string, string> environment, string nukeDirectory)
{
    public void Resolve(NukeBuild build, IReadOnlyList<ParameterMember> members, Arguments arguments, IReadOnlyList<string> profiles)
    {
        CheckOptions(members, arguments);
        var files = new List<Dictionary<string, FileValue>>();
        foreach (var profile in profiles.Reverse())
            files.Add(ParameterFiles.Read(Path.Combine(nukeDirectory, $"parameters.{profile}.json"), required: true));
        files.Add(ParameterFiles.Read(Path.Combine(nukeDirectory, "parameters.json"), required: false));
        foreach (var file in files)
            CheckKeys(members, file);
        foreach (var key in new[] { "target", "skip" })
        {
            var value = files.Select(f => f.GetValueOrDefault(key)).FirstOrDefault(v => v is not null);
            if (arguments.Has(key) || value is null)
                continue;
            arguments.Options.Add(new Option(key, [.. value.Values]));
            if (key == "target")
                arguments.Targets.AddRange(value.Values);
        }

        foreach (var member in members)
        {
            var key = Names.Normalize(member.Name);
            if (arguments.Find(member.Name) is { } option)
                Set(build, member, option.Values, "argument --" + member.CliName);
            else if (FromEnvironment(member) is { } env)
                Set(build, member, [env.Value], "environment " + env.Key);
            else if (files.Select(f => f.GetValueOrDefault(key)).FirstOrDefault(v => v is not null) is { } file)
                Set(build, member, file.Values, Path.GetFileName(file.File));
        }
    }

    /// <summary>An empty variable counts as unset: CI systems pass unset secrets and inputs as "".</summary>
    KeyValuePair<string, string>? FromEnvironment(ParameterMember member)
    {
        var key = Names.Normalize(member.Name);
        if (environment.TryGetValue(member.Name, out var exact) && exact.Length > 0)
            return new(member.Name, exact);
        foreach (var wanted in new[] { key, "nuke" + key })
        {
            var match = environment.FirstOrDefault(e => Names.Normalize(e.Key) == wanted && e.Value.Length > 0);
            if (match.Key is not null)
                return match;
        }
        return null;
    }

    static void Set(NukeBuild build, ParameterMember member, IReadOnlyList<string> values, string source)
    {
        try
        {
            member.SetValue(build, ValueConverter.Convert(member.Type, values, member.CliName));
        }
        catch (BuildException e) when (e is not UsageException)
        {
            throw new UsageException($"{e.Message} (from {source})");
        }
        member.Source = source;
    }

    static void CheckOptions(IReadOnlyList<ParameterMember> members, Arguments arguments)
    {
        var known = members.Select(m => m.CliName).Concat(Arguments.BuiltIns).ToList();
        foreach (var option in arguments.Options)
        {
            if (!known.Any(k => Names.Normalize(k) == option.Key))
                throw new UsageException($"Unknown parameter '--{option.Spelling}'.{Names.Hint(option.Spelling, known, k => "--" + k)} Run './build.sh --help' to list parameters.");
        }
    }

    static void CheckKeys(IReadOnlyList<ParameterMember> members, Dictionary<string, FileValue> file)
    {
        foreach (var (key, value) in file.Where(f => f.Key is not ("target" or "skip")))
        {
            if (!members.Any(m => Names.Normalize(m.Name) == key))
                throw new UsageException($"{value.File} sets '{value.Key}', which is not a parameter of this build.{Names.Hint(value.Key, members.Select(m => m.Name))} Remove or rename it.");
        }
    }
}
