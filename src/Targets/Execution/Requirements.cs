namespace Targets;

/// <summary>Checks the requirements of every scheduled target before the first one runs.</summary>
internal static class Requirements
{
    public static void Check(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ParameterMember> parameters)
    {
        var problems = plan.Where(t => t.Status != TargetStatus.Skipped)
            .SelectMany(t => t.Requirements.Where(r => !r.Holds()).Select(r => Problem(t, r.Text, parameters))).ToList();
        if (problems.Count > 0)
            throw new UsageException("Nothing was run; requirements not met:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>How to set the parameter a member requirement names, or the parameters a boolean requirement mentions.</summary>
    static string Problem(ExecutableTarget target, string requirement, IReadOnlyList<ParameterMember> parameters)
    {
        if (parameters.FirstOrDefault(p => Names.Same(p.Name, requirement)) is { } parameter)
            return $"{target.Name} needs --{parameter.CliName} (or the environment variable {parameter.Name.ToUpperInvariant()}, or \"{parameter.Name}\" in .nuke/parameters.json).";
        var options = parameters.Where(p => System.Text.RegularExpressions.Regex.IsMatch(requirement, $@"\b{p.Name}\b")).Select(p => "--" + p.CliName).ToList();
        return $"{target.Name} requires {requirement}." + (options.Count == 0 ? "" : $" Set it with {string.Join(" or ", options)}.");
    }
}
