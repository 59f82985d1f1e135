using System.Reflection;

namespace Targets;

/// <summary>A field (or an auto-property's backing field) marked <see cref="ParameterAttribute"/>.</summary>
internal sealed class ParameterMember
{
    const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    ParameterMember(MemberInfo member, ParameterAttribute attribute)
    {
        Field = member as FieldInfo ?? member.DeclaringType!.GetField($"<{member.Name}>k__BackingField", Members)
            ?? throw new BuildException($"Parameter {member.Name} is a property with code in it; make it a field or an auto-property.");
        Name = attribute.Name ?? member.Name;
        Description = attribute.Description;
        IsSecret = member.IsDefined(typeof(SecretAttribute));
    }

    public string Name { get; }
    public string CliName => Names.Kebab(Name);
    public string? Description { get; }
    public bool IsSecret { get; }
    public FieldInfo Field { get; }
    public Type Type => Field.FieldType;

    /// <summary>Where the value came from after resolution (argument, environment, file, default).</summary>
    public string Source { get; set; } = "default";

    public object? GetValue(object build) => Field.GetValue(build);

    public static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        var found = new List<ParameterMember>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            found.AddRange(type.GetMembers(Members)
                .Where(m => m is FieldInfo or PropertyInfo && m.IsDefined(typeof(ParameterAttribute)))
                .Select(m => new ParameterMember(m, m.GetCustomAttribute<ParameterAttribute>()!)));
        }
        return found;
    }
}
