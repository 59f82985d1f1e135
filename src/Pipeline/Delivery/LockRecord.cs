namespace Pipeline.Delivery;

/// <summary>The JSON content of <c>&lt;environment&gt;.lock</c>; <see cref="Id"/> (optional when read) makes each acquisition's content unique.</summary>
internal sealed record LockRecord(string Owner, string Machine, int Pid, string Version, DateTimeOffset AcquiredAt, string? Id = null);
