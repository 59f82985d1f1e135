namespace Pipeline.Data;

/// <summary>The user and group that own the files written into a service's data folder.</summary>
public sealed record DataOwner(int Uid, int Gid)
{
    /// <summary>The sample service's non-root user, <c>10001:10001</c>.</summary>
    public static DataOwner App { get; } = new(10001, 10001);

    /// <inheritdoc/>
    public override string ToString() => $"{Uid}:{Gid}";
}
