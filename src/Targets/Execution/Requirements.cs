namespace Targets;

/// <summary>Checks the requirements of every scheduled target before the first one runs.</summary>
internal static class Requirements
{
    public static void Check(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ParameterMember> parameters)
    {
        var problems = new List<string>();
        foreach (var target in plan.Where(t => t.Status != TargetStatus.Skipped))
        {
            foreach (var requirement in target.Requirements.Where(r => !r.Holds()))
            {
                var parameter = parameters.FirstOrDefault(p => p.Name == requirement.Text || Names.Normalize(p.Name) == Names.Normalize(requirement.Text));
                problems.Add(parameter is not null
                    ? $"{target.Name} needs --{parameter.CliName} (or the environment variable {parameter.Name.ToUpperInvariant()}, or \"{parameter.Name}\" in .nuke/parameters.json)."
                    : $"{target.Name} requires {requirement.Text}.{Mentioned(requirement.Text, parameters)}");
            }
        }
        if (problems.Count > 0)
            throw new UsageException("Nothing was run; requirements not met:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>" Set it with --tag or --list." for the parameters a boolean requirement mentions, else nothing.</summary>
    static string Mentioned(string text, IReadOnlyList<ParameterMember> parameters)
    {
        var words = System.Text.RegularExpressions.Regex.Matches(text, @"\w+").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var options = parameters.Where(p => words.Contains(p.Name)).Select(p => "--" + p.CliName).ToList();
        return options.Count == 0 ? "" : $" Set it with {string.Join(" or ", options)}.";
    }
}
