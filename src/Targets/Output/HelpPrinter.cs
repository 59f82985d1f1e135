using Spectre.Console;

namespace Targets;

/// <summary>Prints <c>--help</c> (targets by stage, parameters, options), <c>--help &lt;target&gt;</c> and <c>--plan</c>, wrapped to the width.</summary>
internal static class HelpPrinter
{
    static readonly (string, string)[] Options =
    [
        ("--help [target]", "this text, or a target's parameters, dependencies and examples"),
        ("--plan", "print the execution plan and run nothing"),
        ("--skip [targets]", "skip the named targets, or every target not named on the command line (assured ones still run)"),
        ("--target <targets>", "the targets to run (same as naming them)"),
        ("--root <path>", "the repository root (default: the folder holding .nuke/)"),
        ("--verbosity <level>", "quiet | minimal | normal | verbose"),
        ("--profile <names>", "also read .nuke/parameters.<name>.json"),
        ("--no-logo", "no banner"),
        ("--completion bash", "print a bash completion script: source <(./build.sh --completion bash)"),
    ];

    public static void Help(BuildOutput output, NukeBuild build, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var defaults = string.Join(", ", targets.Where(t => t.IsDefault).Select(t => t.Name));
        output.Wrapped($"Usage: ./build.sh <target> [--parameter value ...]   Without a target: {defaults} (*). ./build.sh --help <target> shows a target's parameters, dependencies and examples.");
        var stages = build.Stages.Select(s => (s.Name, Targets: s.Targets.Select(d => targets.First(t => t.Factory.Equals(d)))))
            .Append((Name: build.Stages.Any() ? "other" : "targets", Targets: targets.Where(t => t.Stage is null)));
        var width = targets.Where(t => t.IsListed).Max(t => t.Name.Length + 2);
        foreach (var (name, members) in stages.Where(s => s.Targets.Any(t => t.IsListed)))
        {
            output.Line();
            output.Line(char.ToUpperInvariant(name[0]) + name[1..] + ":");
            output.Write(_ => Grid(members.Where(t => t.IsListed).Select(t => (t.Name + (t.IsDefault ? " *" : ""), t.Description ?? "")), width));
        }
        output.Line();
        output.Line("Parameters:");
        output.Write(_ => Grid(parameters.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (Spelling(p), Describe(build, p)))));
        output.Line();
        output.Line("Options:");
        output.Write(_ => Grid(Options));
        output.Line();
        output.Wrapped("Parameters are read from --kebab-case arguments, then environment variables (Name, NAME_IN_CAPS, NUKE_NAME), then --profile files, then .nuke/parameters.json, then the default shown.");
    }

    /// <summary>One target: what it does, what it needs and runs, the parameters its code reads, and examples.</summary>
    public static void Help(BuildOutput output, NukeBuild build, ExecutableTarget target, IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ParameterMember> parameters)
    {
        output.Line($"{target.Name}{(target.Stage is null ? "" : $" ({target.Stage})")}{(target.IsDefault ? ", runs when no target is named" : "")}");
        output.Wrapped(target.Description ?? "(no description)", 2);
        output.Line();
        static string List(IEnumerable<object> items, string none = "nothing") => items.Any() ? string.Join(", ", items) : none;
        output.Write(_ => Grid([
            ("Depends on", List(target.Dependencies)),
            ("Triggers", List(target.Triggers)),
            ("Requires", List(target.Requirements.Select(r => r.Text))),
            ("Runs", $"{plan.Count} target(s): {List(plan)}"),
        ]));
        var required = string.Join(" ", target.Requirements.Select(r => r.Text));
        var used = ParameterUse.Find(target, parameters)
            .OrderBy(p => target.Description?.Contains("--" + p.CliName, StringComparison.Ordinal) == true ? 0 : required.Contains(p.Name, StringComparison.Ordinal) ? 1 : 2).ToList();
        output.Line();
        output.Line("Parameters it reads:");
        output.Write(_ => Grid(used.Count == 0 ? [("none", "")] : used.Select(p => (Spelling(p), Describe(build, p)))));
        output.Line();
        output.Line("Examples:");
        var example = used.Count > 0 ? used[0] : null;
        output.Write(_ => Grid(new (string, string)?[]
        {
            ($"./build.sh {target.Name}", "run it, after what it depends on"),
            ($"./build.sh {target.Name} --plan", "show what would run, run nothing"),
            target.Dependencies.Count == 0 ? null : ($"./build.sh {target.Name} --skip", "run it alone, none of its dependencies"),
            example is null ? null : ($"./build.sh {target.Name} {Spelling(example)}", example.Description ?? ""),
        }.OfType<(string, string)>()));
    }

    public static void Plan(BuildOutput output, IReadOnlyList<ExecutableTarget> plan)
    {
        output.Line($"Execution plan ({plan.Count} targets):");
        var i = 0;
        foreach (var t in plan)
        {
            var note = t.Status == TargetStatus.Skipped ? $"  (skipped: {t.Reason})"
                : t.Assured ? "  (assured: runs even after a failure)"
                : t.DynamicConditions.Count > 0 ? $"  (only when {string.Join(" && ", t.DynamicConditions.Select(c => c.Text))})"
                : "";
            output.Line($"  {++i,2}. {t.Name}{note}");
        }
    }

    static Grid Grid(IEnumerable<(string Left, string Right)> rows, int? width = null)
    {
        var grid = new Grid().AddColumn(new GridColumn { Width = width }.NoWrap().Padding(2, 0, 2, 0)).AddColumn(new GridColumn().Padding(0, 0));
        foreach (var (left, right) in rows)
            grid.AddRow(new Text(left), new Text(right));
        return grid;
    }

    internal static string Spelling(ParameterMember p)
    {
        var t = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
        var allowed = ValueConverter.AllowedValues(t);
        var placeholder = t == typeof(bool) ? ""
            : allowed.Count > 0 ? $"<{string.Join("|", allowed)}>"
            : t.IsArray ? "<values...>"
            : t == typeof(TimeSpan) ? "<duration>"
            : t == typeof(int) || t == typeof(long) ? "<number>"
            : "<value>";
        return $"--{p.CliName} {placeholder}".TrimEnd();
    }

    static string Describe(NukeBuild build, ParameterMember p)
    {
        var text = p.GetValue(build) switch
        {
            null => "",
            string s => s,
            System.Collections.IEnumerable e => string.Join(" ", e.Cast<object>()),
            TimeSpan span => span.TotalSeconds % 1 == 0 ? $"{span.TotalSeconds}s" : span.ToString(),
            var value => value.ToString() ?? "",
        };
        if (p.IsSecret && text.Length > 0)
            text = Redactor.Mask;
        if (text == "False")
            text = "";
        var shown = text.Length == 0 ? "" : p.Source == "default" ? $"(default: {text})" : $"({text} from {p.Source})";
        return $"{p.Description} {shown}".Trim();
    }
}
