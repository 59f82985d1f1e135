using Spectre.Console;

namespace Targets;

/// <summary>Prints <c>--help</c> (targets by stage, parameters, options), <c>--help &lt;target&gt;</c> and <c>--plan</c>, wrapped to the width.</summary>
internal static class HelpPrinter
{
    public static void Help(BuildOutput output, NukeBuild build, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var defaults = string.Join(", ", targets.Where(t => t.IsDefault).Select(t => t.Name));
        output.Wrapped($"Usage: ./build.sh <target> [--parameter value ...]   Without a target: {defaults} (*). ./build.sh --help <target> shows a target's parameters, dependencies and examples.");
        var stages = build.PipelineStages.Select(s => (s.Name, Targets: s.Targets.Select(d => targets.First(t => t.Factory.Equals(d)))))
            .Append((Name: build.PipelineStages.Any() ? "other" : "targets", Targets: targets.Where(t => t.Stage is null)));
        var width = targets.Where(t => t.IsListed).Max(t => t.Name.Length + 2);
        foreach (var (name, members) in stages.Where(s => s.Targets.Any(t => t.IsListed)))
            Section(output, char.ToUpperInvariant(name[0]) + name[1..], members.Where(t => t.IsListed).Select(t => (t.Name + (t.IsDefault ? " *" : ""), t.Description ?? "")), width);
        Section(output, "Parameters", parameters.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (p.Usage, Describe(build, p))));
        Section(output, "Options", Arguments.Usages);
        output.Line();
        output.Wrapped("Parameters are read from --kebab-case arguments, then environment variables (Name, NAME_IN_CAPS, NUKE_NAME), then --profile files, then .nuke/parameters.json, then the default shown.");
    }

    public static void Help(BuildOutput output, NukeBuild build, ExecutableTarget target, IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ParameterMember> parameters)
    {
        output.Line($"{target.Name}{(target.Stage is null ? "" : $" ({target.Stage})")}{(target.IsDefault ? ", runs when no target is named" : "")}");
        output.Wrapped(target.Description ?? "(no description)", 2);
        output.Line();
        static string List(IEnumerable<object> items) => items.Any() ? string.Join(", ", items) : "nothing";
        output.Write(Grid([
            ("Depends on", List(target.Dependencies)),
            ("Triggers", List(target.Triggers)),
            ("Requires", List(target.Requirements.Select(r => r.Text))),
            ("Runs", $"{plan.Count} target(s): {List(plan)}"),
        ]));
        var required = string.Join(" ", target.Requirements.Select(r => r.Text));
        var used = ParameterUse.Find(target, parameters)
            .OrderBy(p => target.Description?.Contains("--" + p.CliName, StringComparison.Ordinal) == true ? 0 : required.Contains(p.Name, StringComparison.Ordinal) ? 1 : 2).ToList();
        Section(output, "Parameters it reads", used.Count == 0 ? [("none", "")] : used.Select(p => (p.Usage, Describe(build, p))));
        Section(output, "Examples",
        [
            ($"./build.sh {target.Name}", "run it, after what it depends on"),
            ($"./build.sh {target.Name} --plan", "show what would run, run nothing"),
            .. target.Dependencies.Count == 0 ? [] : new[] { ($"./build.sh {target.Name} --skip", "run it alone, none of its dependencies") },
            .. used.Take(1).Select(p => ($"./build.sh {target.Name} {p.Usage}", p.Description ?? "")),
        ]);
    }

    public static void Plan(BuildOutput output, IReadOnlyList<ExecutableTarget> plan)
    {
        output.Line($"Execution plan ({plan.Count} targets):");
        foreach (var (t, i) in plan.Select((t, i) => (t, i + 1)))
        {
            var note = t.Status == TargetStatus.Skipped ? $"  (skipped: {t.Reason})"
                : t.Assured ? "  (assured: runs even after a failure)"
                : t.DynamicConditions.Count > 0 ? $"  (only when {string.Join(" && ", t.DynamicConditions.Select(c => c.Text))})"
                : "";
            output.Line($"  {i,2}. {t.Name}{note}");
        }
    }

    static void Section(BuildOutput output, string title, IEnumerable<(string, string)> rows, int? width = null)
    {
        output.Line();
        output.Line(title + ":");
        output.Write(Grid(rows, width));
    }

    static Grid Grid(IEnumerable<(string Left, string Right)> rows, int? width = null) =>
        rows.Aggregate(new Grid().AddColumn(new GridColumn { Width = width }.NoWrap().Padding(2, 0, 2, 0)).AddColumn(new GridColumn().Padding(0, 0)),
            (grid, row) => grid.AddRow(new Text(row.Left), new Text(row.Right)));

    static string Describe(NukeBuild build, ParameterMember p)
    {
        var text = p.Field.GetValue(build) switch
        {
            null or false => "",
            string s => s,
            System.Collections.IEnumerable e => string.Join(" ", e.Cast<object>()),
            TimeSpan span => span.TotalSeconds % 1 == 0 ? $"{span.TotalSeconds}s" : span.ToString(),
            var value => value.ToString() ?? "",
        };
        text = p.IsSecret && text.Length > 0 ? Redactor.Mask : text;
        var shown = text.Length == 0 ? "" : p.Source == "default" ? $"(default: {text})" : $"({text} from {p.Source})";
        return $"{p.Description} {shown}".Trim();
    }
}
