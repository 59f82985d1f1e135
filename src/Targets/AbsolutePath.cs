namespace Targets;

/// <summary>A full path that composes with <c>/</c>: <c>RootDirectory / "deploy" / "compose.yaml"</c>.</summary>
public sealed record AbsolutePath
{
    AbsolutePath(string path) => Value = Path.GetFullPath(path);

    /// <summary>The full path.</summary>
    public string Value { get; }

    /// <summary>Joins a relative segment.</summary>
    public static AbsolutePath operator /(AbsolutePath left, string right) => new(Path.Combine(left.Value, right));

    /// <summary>Wraps a path string, resolving it against the current directory when relative.</summary>
    public static implicit operator AbsolutePath(string path) => new(path);

    /// <summary>The full path string.</summary>
    public static implicit operator string(AbsolutePath path) => path.Value;

    /// <inheritdoc />
    public override string ToString() => Value;
}
