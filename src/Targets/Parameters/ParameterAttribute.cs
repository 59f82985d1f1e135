namespace Targets;

/// <summary>
/// Marks a field or property as a build parameter, set from <c>--kebab-case</c> arguments, environment variables,
/// <c>.nuke/parameters.NAME.json</c> profiles, <c>.nuke/parameters.json</c>, or its initial value, in that order.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    /// <summary>One line shown by <c>--help</c> and in the schema.</summary>
    public string? Description { get; } = description;

    /// <summary>Overrides the name (default: the member name).</summary>
    public string? Name { get; set; }
}

/// <summary>Marks a parameter whose value is replaced by <c>***</c> in every log, summary and generated file.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
