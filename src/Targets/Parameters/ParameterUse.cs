using System.Reflection;
using System.Reflection.Emit;

namespace Targets;

/// <summary>
/// The parameters a target reads: found in the IL of its actions, conditions and requirements, following the
/// build assembly's own methods, lambdas and async state machines, but not into other targets.
/// </summary>
internal static class ParameterUse
{
    const BindingFlags All = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public static IReadOnlyList<ParameterMember> Find(ExecutableTarget target, IReadOnlyList<ParameterMember> parameters)
    {
        var read = new HashSet<MemberInfo>();
        var seen = new HashSet<MemberInfo>();
        foreach (var code in target.Code)
            Scan(code.Method, seen, read);
        return [.. parameters.Where(p => read.Contains(p.Member) || p.Member is PropertyInfo { GetMethod: { } get } && read.Contains(get))];
    }

    static void Scan(MethodBase method, HashSet<MemberInfo> seen, HashSet<MemberInfo> read)
    {
        if (!seen.Add(method) || method is MethodInfo { ReturnType: var r } && r == typeof(Target) || method.GetMethodBody()?.GetILAsByteArray() is not { } il)
            return;
        for (var i = 0; i < il.Length;)
        {
            var op = il[i] == 0xFE ? Codes[unchecked((short)(0xFE00 | il[i + 1]))] : Codes[il[i]];
            i += op.Size;
            if (op.OperandType is OperandType.InlineField or OperandType.InlineMethod && Resolve(method, BitConverter.ToInt32(il, i)) is { } member)
            {
                read.Add(member);
                if (member.Module == method.Module && member is MethodBase called)
                    Scan(called, seen, read);
                else if (member.Module == method.Module && member.DeclaringType is { DeclaringType: not null } nested && seen.Add(nested))
                    foreach (var m in nested.GetMethods(All))
                        Scan(m, seen, read);
            }
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }

    static MemberInfo? Resolve(MethodBase method, int token)
    {
        try
        {
            return method.Module.ResolveMember(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
