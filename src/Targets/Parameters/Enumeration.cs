namespace Targets;

/// <summary>
/// A string "enumeration": a class whose public static fields are its allowed values,
/// so that parameters can be open for extension yet checked, e.g. <c>Configuration.Release</c>.
/// </summary>
public abstract class Enumeration
{
    /// <summary>The value as typed on the command line.</summary>
    public required string Value { get; init; }

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Enumeration other && other.GetType() == GetType() && string.Equals(other.Value, Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);
}
