using System.Reflection;

namespace Targets;

/// <summary>A field or property marked <see cref="ParameterAttribute"/>.</summary>
public sealed class ParameterMember
{
    const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    ParameterMember(MemberInfo member, ParameterAttribute attribute)
    {
        Member = member;
        Name = attribute.Name ?? member.Name;
        Description = attribute.Description;
        IsSecret = member.IsDefined(typeof(SecretAttribute));
        Type = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
    }

    /// <summary>The parameter name as declared, e.g. <c>RegistryPassword</c>.</summary>
    public string Name { get; }

    /// <summary>The command-line spelling, e.g. <c>registry-password</c>.</summary>
    public string CliName => Names.Kebab(Name);

    /// <summary>The description shown by <c>--help</c>.</summary>
    public string? Description { get; }

    /// <summary>True for <see cref="SecretAttribute"/> parameters.</summary>
    public bool IsSecret { get; }

    /// <summary>The member type.</summary>
    public Type Type { get; }

    /// <summary>Where the value came from after resolution (argument, environment, file, default).</summary>
    public string Source { get; internal set; } = "default";

    internal MemberInfo Member { get; }

    internal object? GetValue(object build) => Member switch
    {
        FieldInfo f => f.GetValue(build),
        PropertyInfo p => p.GetValue(build),
        _ => null,
    };

    internal void SetValue(object build, object? value)
    {
        switch (Member)
        {
            case FieldInfo f:
                f.SetValue(build, value);
                break;
            case PropertyInfo { CanWrite: true } p:
                p.SetValue(build, value);
                break;
            case PropertyInfo p:
                var backing = p.DeclaringType!.GetField($"<{p.Name}>k__BackingField", Members)
                    ?? throw new BuildException($"Parameter {p.Name} is a property without a setter; give it a setter or make it a field.");
                backing.SetValue(build, value);
                break;
        }
    }

    internal static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        var found = new List<ParameterMember>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var m in type.GetMembers(Members | BindingFlags.DeclaredOnly))
            {
                if (m is FieldInfo or PropertyInfo && m.GetCustomAttribute<ParameterAttribute>() is { } attribute)
                    found.Add(new ParameterMember(m, attribute));
            }
        }
        return found;
    }
}
