namespace App.Data;

/// <summary>A user as stored in the <c>users</c> table (personal data: staging only ever gets a sanitized copy).</summary>
public sealed record User(long Id, string? Name, string? Email, string? Phone, DateTimeOffset? CreatedAt);
