namespace Pipeline.Delivery;

/// <summary>The lease file inside a lock container (<c>/state/lease.json</c>): rewritten by the holder at each renewal.</summary>
/// <param name="RenewedAt">When the holder last renewed.</param>
/// <param name="ExpiresAt">When the lock turns stale unless renewed again.</param>
internal sealed record LockLease(DateTimeOffset RenewedAt, DateTimeOffset ExpiresAt);
