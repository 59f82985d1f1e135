namespace Targets;

/// <summary>One <c>--name value...</c> option from the command line.</summary>
internal sealed record Option(string Spelling, List<string> Values)
{
    public string Key => Names.Normalize(Spelling);
}

/// <summary>The command line split into target names and options: <c>Test Deploy --registry host:5000 --skip Compile</c>.</summary>
internal sealed class Arguments
{
    /// <summary>Options the host itself understands, as <c>--help</c> shows them.</summary>
    public static readonly (string Usage, string Help)[] Usages =
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

    public static readonly string[] BuiltIns = [.. Usages.Select(u => u.Usage.Split(' ')[0][2..])];

    /// <summary>Built-in options that take no value (normalized).</summary>
    static readonly string[] Flags = ["help", "plan", "nologo"];

    public List<string> Targets { get; } = [];
    public List<Option> Options { get; } = [];

    public Option? Find(string name) => Options.FirstOrDefault(o => o.Key == Names.Normalize(name));
    public bool Has(string name) => Find(name) is not null;

    public static Arguments Parse(IEnumerable<string> args)
    {
        var parsed = new Arguments();
        Option? current = null;
        foreach (var arg in args)
        {
            if (arg is "-h" or "-?" or "/?")
                current = parsed.Add("help");
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var parts = arg[2..].Split('=', 2);
                current = parsed.Add(parts[0]);
                current.Values.AddRange(parts[1..]);
            }
            else
                (current?.Values ?? parsed.Targets).Add(arg);
        }
        parsed.Targets.AddRange(parsed.Find("target")?.Values ?? []);
        return parsed;
    }

    /// <summary>
    /// Takes target names back from options that take no more values, so the target may stand anywhere:
    /// <c>--plan Deploy</c> plans Deploy and <c>--force Deploy</c> sets the flag, then runs Deploy.
    /// </summary>
    public void ClaimTargets(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        foreach (var option in Options)
        {
            var type = parameters.FirstOrDefault(p => Names.Normalize(p.CliName) == option.Key)?.Type;
            var takes = Flags.Contains(option.Key) || type == typeof(bool) ? 0
                : type?.IsArray == true || option.Key is "skip" or "target" ? int.MaxValue
                : 1;
            var claimed = option.Values.Skip(takes).Where(v => targets.Any(t => Names.Same(t.Name, v))).ToList();
            option.Values.RemoveAll(claimed.Contains);
            Targets.AddRange(claimed);
        }
    }

    Option Add(string spelling)
    {
        if (Find(spelling) is not { } option)
            Options.Add(option = new Option(spelling, []));
        return option;
    }
}
