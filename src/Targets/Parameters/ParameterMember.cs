using System.Reflection;

namespace Targets;

/// <summary>A field or property marked <see cref="ParameterAttribute"/>.</summary>
public sealed class ParameterMember
{
    const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    ParameterMember(MemberInfo member, ParameterAttribute attribute)
    {
        Member = member is PropertyInfo { CanWrite: false } p
            ? p.DeclaringType!.GetField($"<{p.Name}>k__BackingField", Members) ?? throw new BuildException($"Parameter {p.Name} is a property without a setter; give it a setter or make it a field.")
            : member;
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

    /// <summary>The field or property the value lives in (a get-only property's backing field).</summary>
    internal MemberInfo Member { get; }

    internal object? GetValue(object build) => Member is FieldInfo f ? f.GetValue(build) : ((PropertyInfo)Member).GetValue(build);

    internal void SetValue(object build, object? value)
    {
        if (Member is FieldInfo f)
            f.SetValue(build, value);
        else
            ((PropertyInfo)Member).SetValue(build, value);
    }

    internal static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        var found = new List<ParameterMember>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            found.AddRange(type.GetMembers(Members | BindingFlags.DeclaredOnly)
                .Where(m => m is FieldInfo or PropertyInfo && m.IsDefined(typeof(ParameterAttribute)))
                .Select(m => new ParameterMember(m, m.GetCustomAttribute<ParameterAttribute>()!)));
        }
        return found;
    }
}
