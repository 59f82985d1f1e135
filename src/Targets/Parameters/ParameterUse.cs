using System.Reflection;

namespace Targets;

/// <summary>
/// The parameters a target reads: the tokens of parameter fields in the IL of its delegates, following the methods
/// of the build's assembly they mention (lambdas, helpers, and the nested classes of closures and async state
/// machines), but not into other targets.
/// </summary>
internal static class ParameterUse
{
    const BindingFlags All = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<ParameterMember> Find(ExecutableTarget target, IReadOnlyList<ParameterMember> parameters)
    {
        if (target.Code.FirstOrDefault()?.Method.Module is not { } module)
            return [];
        // Each metadata token of the module -> the methods to scan when IL mentions it: a method itself, or every
        // method of the nested class (closure, state machine) a field belongs to.
        var follow = module.GetTypes().SelectMany(type => type.GetMethods(All).Select(m => (m.MetadataToken, (IEnumerable<MethodBase>)[m]))
                .Concat(type.GetConstructors(All).Select(c => (c.MetadataToken, (IEnumerable<MethodBase>)[c])))
                .Concat(type.IsNested ? type.GetFields(All).Select(f => (f.MetadataToken, type.GetMethods(All).AsEnumerable<MethodBase>())) : []))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var tokens = new HashSet<int>();
        var pending = new Stack<MethodBase>(target.Code.Select(c => c.Method));
        var seen = new HashSet<MethodBase>();
        while (pending.TryPop(out var method))
        {
            if (!seen.Add(method) || method is MethodInfo { ReturnType: var r } && r == typeof(Target) || method.GetMethodBody()?.GetILAsByteArray() is not { } il)
                continue;
            for (var i = 0; i + 4 <= il.Length; i++)
            {
                var token = BitConverter.ToInt32(il, i);
                tokens.Add(token);
                foreach (var next in follow.GetValueOrDefault(token, []))
                    pending.Push(next);
            }
        }
        return [.. parameters.Where(p => p.Field.Module == module && tokens.Contains(p.Field.MetadataToken))];
    }
}
