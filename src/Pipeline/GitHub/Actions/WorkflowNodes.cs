using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pipeline.GitHub.Actions;

/// <summary>The YAML tree of a workflow, key by key.</summary>
internal static partial class WorkflowNodes
{
    public static YamlMappingNode Workflow(GitHubWorkflow w) => Map(
        ("name", Text(w.Name)),
        ("on", Triggers(w.On)),
        ("permissions", Map(w.Permissions.Select(p => (p.Scope, (YamlNode?)Text(p.Level))))),
        ("concurrency", w.Concurrency is { } c ? Map(("group", Text(c.Group)), ("cancel-in-progress", Value(c.CancelInProgress))) : null),
        ("jobs", Map(w.Jobs.Select(j => (j.Id, (YamlNode?)Job(j))))));

    static YamlMappingNode Triggers(WorkflowTriggers on) => Map(
        ("push", on.PushBranches.Count + on.PushTags.Count == 0 ? null
            : Map(("branches", List(on.PushBranches)), ("tags", List(on.PushTags)))),
        ("pull_request", on.PullRequestBranches.Count == 0 ? null : Map(("branches", List(on.PullRequestBranches)))),
        ("workflow_dispatch", on.Dispatch ? Map(("inputs", on.Inputs.Count == 0 ? null : Map(on.Inputs.Select(i => (i.Name, (YamlNode?)Input(i)))))) : null),
        ("schedule", on.Cron is { } cron ? new YamlSequenceNode(Map(("cron", new YamlScalarNode(cron) { Style = ScalarStyle.SingleQuoted }))) : null));

    static YamlMappingNode Input(WorkflowInput i) => Map(
        ("description", Text(i.Description)),
        ("required", Value(i.Required)),
        ("type", Text(i.Type.ToString().ToLowerInvariant())),
        ("default", i.Type == WorkflowInputType.Boolean ? Value(false) : null),
        ("options", List(i.Options)));

    static YamlMappingNode Job(WorkflowJob job) => Map(
        ("name", Text(job.DisplayName)),
        ("needs", List(job.Needs)),
        ("runs-on", job.RunsOn.Count == 1 ? Text(job.RunsOn[0]) : List(job.RunsOn)),
        ("timeout-minutes", job.TimeoutMinutes > 0 ? Value(job.TimeoutMinutes) : null),
        ("environment", job.Environment is { } e ? Map(("name", Text(e.Name)), ("url", e.Url is null ? null : Text(e.Url))) : null),
        ("steps", new YamlSequenceNode(job.Steps.Select(Step))));

    static YamlMappingNode Step(WorkflowStep s) => Map(
        ("name", Text(s.Name)),
        ("if", s.If is null ? null : Text(s.If)),
        ("uses", s.Uses is null ? null : Text(s.Uses.Reference)),
        ("with", s.With.Count == 0 ? null : Map(s.With.Select(p => (p.Key, (YamlNode?)Value(p.Value))))),
        ("shell", s.Shell is null ? null : Text(s.Shell)),
        ("env", s.Env.Count == 0 ? null : Map(s.Env.Select(p => (p.Key, (YamlNode?)Text(p.Value))))),
        ("run", s.Run is null ? null : Text(s.Run)));

    static YamlMappingNode Map(params (string Key, YamlNode? Value)[] entries) => Map(entries.AsEnumerable());

    static YamlMappingNode Map(IEnumerable<(string Key, YamlNode? Value)> entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries.Where(e => e.Value is not null))
            map.Add(new YamlScalarNode(key), value!);
        return map;
    }

    static YamlSequenceNode? List(IReadOnlyList<string> items) => items.Count == 0 ? null : new YamlSequenceNode(items.Select(Text));

    static YamlScalarNode Value(object value) => value switch
    {
        bool b => new YamlScalarNode(b ? "true" : "false"),
        int n => new YamlScalarNode(n.ToString(CultureInfo.InvariantCulture)),
        _ => Text(value.ToString() ?? ""),
    };

    /// <summary>A string: a literal block when it has several lines, quoted when YAML would read it as a boolean, null or number.</summary>
    static YamlScalarNode Text(string value) => new(value)
    {
        Style = value.Contains('\n') ? ScalarStyle.Literal : NotAString().IsMatch(value) ? ScalarStyle.SingleQuoted : ScalarStyle.Any,
    };

    [GeneratedRegex(@"^(|~|null|true|false|yes|no|y|n|on|off|[-+]?(\.?\d[\d_.]*([eE][-+]?\d+)?|\.inf|\.nan)|0x[0-9a-f]+|0o[0-7]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotAString();
}
