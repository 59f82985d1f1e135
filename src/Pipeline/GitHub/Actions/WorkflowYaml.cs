using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Pipeline.GitHub.Actions;

/// <summary>
/// Writes a <see cref="GitHubWorkflow"/> as YAML with YamlDotNet: keys in GitHub's usual order, strings quoted only
/// where YAML would read them as something else, LF line ends, no timestamp, so the same model always gives the same bytes.
/// A pinned action is followed by its version as a comment: <c>uses: actions/checkout@11bd719... # v4.2.2</c>.
/// </summary>
public static class WorkflowYaml
{
    /// <summary>The workflow's file content, headed by a comment saying it is generated from <paramref name="source"/> and how to regenerate it.</summary>
    public static string Write(GitHubWorkflow workflow, string source)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        using var text = new StringWriter { NewLine = "\n" };
        var settings = new EmitterSettings().WithBestIndent(2).WithIndentedSequences().WithBestWidth(int.MaxValue);
        var header = new[]
        {
            $"Generated from {source} ([GitHubActions(\"{workflow.Name}\")]) by the build: do not edit by hand.",
            $"To regenerate: run ./build.sh locally (it rewrites workflows whose definition changed), or {Commands.GenerateWorkflows}.",
        };
        new YamlStream(new YamlDocument(WorkflowNodes.Workflow(workflow))).Save(new HeaderEmitter(new Emitter(text, settings), header), assignAnchors: false);
        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>
    /// Emits comment lines after the stream starts, the version after each pinned action, and ends the document without
    /// a <c>...</c> marker.
    /// </summary>
    sealed class HeaderEmitter(IEmitter inner, IReadOnlyList<string> header) : IEmitter
    {
        static readonly Dictionary<string, string> Versions = ActionPins.All.ToDictionary(p => p.Reference, p => p.Version);

        public void Emit(ParsingEvent @event)
        {
            inner.Emit(@event is DocumentEnd ? new DocumentEnd(isImplicit: true) : @event);
            if (@event is StreamStart)
            {
                foreach (var line in header)
                    inner.Emit(new Comment(line, isInline: false));
            }
            else if (@event is Scalar { Value: var value } && Versions.TryGetValue(value, out var version))
                inner.Emit(new Comment(version, isInline: true));
        }
    }
}
