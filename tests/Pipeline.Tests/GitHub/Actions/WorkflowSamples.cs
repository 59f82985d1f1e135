using Pipeline.GitHub.Actions;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Tests.GitHub.Actions;

/// <summary>A build shape like the real one, and helpers to read generated YAML back.</summary>
internal static class WorkflowSamples
{
    public static BuildShape Build { get; } = new(
        "build/Build.CI.cs",
        ["Setup", "Test", "BuildImages", "PushImages", "DeployStaging", "WorkflowTests", "PromoteToProduction", "Rollback"],
        [
            new BuildParameter("Tag", "Rollback point to restore", IsSecret: false),
            new BuildParameter("Emergency", "Roll back at once: no gates", IsSecret: false) { IsFlag = true },
            new BuildParameter("Environment", "Environment to act on", IsSecret: false) { Options = ["staging", "production"] },
            new BuildParameter("Reason", "Why: 'yes' or \"no\" # not a comment", IsSecret: false),
            new BuildParameter("RegistryPassword", "Registry password", IsSecret: true),
            new BuildParameter("RegistryUsername", "Registry user", IsSecret: false),
        ])
    {
        Products = new Dictionary<string, IReadOnlyList<string>>
        {
            ["Test"] = ["artifacts/test-results"],
            ["BuildImages"] = [],
            ["PushImages"] = ["artifacts/release.json"],
            ["WorkflowTests"] = ["artifacts/workflow-tests-*.json"],
        },
        Runs = new Dictionary<string, IReadOnlyList<string>>
        {
            ["Test"] = ["Setup", "Test"],
            ["BuildImages"] = ["Setup", "BuildImages"],
            ["PushImages"] = ["Setup", "BuildImages", "PushImages"],
            ["DeployStaging"] = ["Setup", "DeployStaging"],
            ["WorkflowTests"] = ["Setup", "WorkflowTests"],
            ["PromoteToProduction"] = ["Setup", "BuildImages", "PushImages", "DeployStaging", "WorkflowTests", "PromoteToProduction"],
        },
    };

    public static string Generate(GitHubActionsAttribute attribute) => WorkflowYaml.Write(WorkflowFactory.Create(attribute, Build), Build.Source);

    public static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode At(this YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => n is YamlSequenceNode s ? s.Children[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    public static string Text(this YamlNode node, params string[] path) => ((YamlScalarNode)node.At(path)).Value!;

    public static bool Has(this YamlNode node, string key) => ((YamlMappingNode)node).Children.ContainsKey(new YamlScalarNode(key));

    public static YamlMappingNode BuildStep(this YamlNode workflow, string job) =>
        Steps(workflow, job).Single(s => s.Has("run") && s.Text("name").StartsWith("Run: ", StringComparison.Ordinal));

    public static List<YamlMappingNode> Steps(this YamlNode workflow, string job) => workflow.At("jobs", job).Steps();

    public static List<YamlMappingNode> Steps(this YamlNode job) => [.. ((YamlSequenceNode)job.At("steps")).Children.Cast<YamlMappingNode>()];
}
