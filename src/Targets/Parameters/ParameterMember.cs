using System.Reflection;

namespace Targets;

/// <summary>A field (or an auto-property's backing field) marked <see cref="ParameterAttribute"/>.</summary>
internal sealed class ParameterMember(MemberInfo member, FieldInfo backing)
{
    const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public string Name { get; } = member.GetCustomAttribute<ParameterAttribute>()!.Name ?? member.Name;
    public string CliName => Names.Kebab(Name);
    public string? Description { get; } = member.GetCustomAttribute<ParameterAttribute>()!.Description;
    public bool IsSecret { get; } = member.IsDefined(typeof(SecretAttribute));
    public FieldInfo Field { get; } = backing;
    public Type Type => Nullable.GetUnderlyingType(Field.FieldType) ?? Field.FieldType;
    public string Usage => $"--{CliName} {ValueConverter.Placeholder(Type)}".TrimEnd();

    /// <summary>Where the value came from after resolution (argument, environment, file, default).</summary>
    public string Source { get; set; } = "default";

    /// <summary>The parameters of a build class and its base classes, private ones included.</summary>
    public static IReadOnlyList<ParameterMember> Discover(Type type) => type.BaseType is null ? [] :
    [
        .. type.GetMembers(Members).Where(m => m is FieldInfo or PropertyInfo && m.IsDefined(typeof(ParameterAttribute))).Select(m => new ParameterMember(m,
            m as FieldInfo ?? type.GetField($"<{m.Name}>k__BackingField", Members)
            ?? throw new BuildException($"Parameter {m.Name} is a property with code in it; make it a field or an auto-property."))),
        .. Discover(type.BaseType),
    ];
}
