namespace Targets;

/// <summary>A bash completion script for the listed targets and every option: <c>source &lt;(./build.sh --completion bash)</c>.</summary>
internal static class Completion
{
    public static string Bash(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var names = string.Join(" ", targets.Where(t => t.IsListed).Select(t => t.Name));
        var options = string.Join(" ", Arguments.BuiltIns.Concat(parameters.Select(p => p.CliName)).Select(o => "--" + o).Order(StringComparer.Ordinal));
        var values = parameters.Select(p => (p.CliName, Words: ValueConverter.AllowedValues(p.Type)))
            .Append(("verbosity", ["quiet", "minimal", "normal", "verbose"])).Append(("completion", ["bash"]))
            .Where(p => p.Words.Count > 0).Select(p => $"    --{p.CliName}) words=\"{string.Join(" ", p.Words)}\" ;;");
        return $$"""
            # bash completion for ./build.sh (targets and parameters). Load it with:
            #   source <(./build.sh --completion bash)
            _build_sh() {
              local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" words
              case "$prev" in
            {{string.Join("\n", values)}}
                *) if [[ "$cur" == -* ]]; then words="{{options}}"; else words="{{names}}"; fi ;;
              esac
              COMPREPLY=($(compgen -W "$words" -- "$cur"))
            }
            complete -F _build_sh build.sh ./build.sh

            """;
    }
}
