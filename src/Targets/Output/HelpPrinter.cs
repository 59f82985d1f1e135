namespace Targets;

/// <summary>Prints <c>--help</c> and <c>--plan</c>.</summary>
internal static class HelpPrinter
{
    public static void Help(BuildOutput output, NukeBuild build, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        output.Line("Usage: ./build.sh [targets] [--parameter value ...]");
        output.Line();
        output.Line("Targets (* = default):");
        var table = new TextTable("  Target", "Description", "Depends on");
        foreach (var t in targets.Where(t => t.IsListed))
            table.Add($"  {t.Name}{(t.IsDefault ? " *" : "")}", t.Description, string.Join(", ", t.DependencyList.Select(d => d.Name)));
        foreach (var line in table.Lines().Skip(2))
            output.Line(line);
        output.Line();
        output.Line("Parameters:");
        var ptable = new TextTable("  Parameter", "Description", "Value");
        foreach (var p in parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
            ptable.Add($"  --{p.CliName} {Placeholder(p.Type)}".TrimEnd(), p.Description, Value(build, p));
        foreach (var line in ptable.Lines().Skip(2))
            output.Line(line);
        output.Line();
        output.Line("Built-in options:");
        output.Line("  --help                 this text");
        output.Line("  --plan                 print the execution plan and run nothing");
        output.Line("  --skip [targets]       skip the named targets, or every target not named on the command line (assured ones still run)");
        output.Line("  --target <targets>     the targets to run (same as naming them first)");
        output.Line("  --root <path>          the repository root (default: the folder holding .nuke/)");
        output.Line("  --verbosity <level>    quiet | minimal | normal | verbose");
        output.Line("  --profile <names>      also read .nuke/parameters.<name>.json");
        output.Line("  --no-logo              no banner");
        output.Line();
        output.Line("Parameters are read from --kebab-case arguments, then environment variables (Name, NAME_IN_CAPS, NUKE_NAME),");
        output.Line("then --profile files, then .nuke/parameters.json, then the built-in default shown above.");
    }

    public static void Plan(BuildOutput output, IReadOnlyList<ExecutableTarget> plan)
    {
        output.Line($"Execution plan ({plan.Count} targets):");
        var i = 0;
        foreach (var t in plan)
        {
            var note = t.Status == TargetStatus.Skipped ? $"  (skipped: {t.Reason})"
                : t.Definition.Assured ? "  (assured: runs even after a failure)"
                : t.Definition.DynamicConditions.Count > 0 ? $"  (only when {string.Join(" && ", t.Definition.DynamicConditions.Select(c => c.Text))})"
                : "";
            output.Line($"  {++i,2}. {t.Name}{note}");
        }
    }

    static string Placeholder(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var allowed = ValueConverter.AllowedValues(t);
        return t == typeof(bool) ? ""
            : allowed.Count > 0 ? $"<{string.Join("|", allowed)}>"
            : t.IsArray ? "<values...>"
            : t == typeof(TimeSpan) ? "<duration>"
            : t == typeof(int) || t == typeof(long) ? "<number>"
            : "<value>";
    }

    static string Value(NukeBuild build, ParameterMember p)
    {
        var value = p.GetValue(build);
        var text = value switch
        {
            null => "",
            string s => s,
            System.Collections.IEnumerable e => string.Join(" ", e.Cast<object>()),
            TimeSpan span => span.TotalSeconds % 1 == 0 ? $"{span.TotalSeconds}s" : span.ToString(),
            _ => value.ToString() ?? "",
        };
        if (p.IsSecret && text.Length > 0)
            text = Redactor.Mask;
        return text.Length == 0 ? "" : p.Source == "default" ? $"default: {text}" : $"{text} (from {p.Source})";
    }
}
