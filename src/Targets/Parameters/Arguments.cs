namespace Targets;

/// <summary>One <c>--name value...</c> option from the command line.</summary>
internal sealed record Option(string Spelling, List<string> Values)
{
    public string Key => Names.Normalize(Spelling);
}

/// <summary>The command line split into target names and options: <c>Test Deploy --registry host:5000 --skip Compile</c>.</summary>
internal sealed class Arguments
{
    /// <summary>Options the host itself understands.</summary>
    public static readonly string[] BuiltIns = ["help", "plan", "skip", "target", "root", "verbosity", "profile", "no-logo"];

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
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                current = parsed.Add(eq > 0 ? arg[2..eq] : arg[2..]);
                if (eq > 0)
                    current.Values.Add(arg[(eq + 1)..]);
            }
            else if (current is null)
                parsed.Targets.Add(arg);
            else
                current.Values.Add(arg);
        }
        var target = parsed.Find("target");
        if (target is not null)
            parsed.Targets.AddRange(target.Values);
        return parsed;
    }

    Option Add(string spelling)
    {
        var existing = Options.FirstOrDefault(o => o.Key == Names.Normalize(spelling));
        if (existing is not null)
            return existing;
        var option = new Option(spelling, []);
        Options.Add(option);
        return option;
    }
}
