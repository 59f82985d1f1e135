using System.Data.Common;

namespace App.Data;

/// <summary>Users in the database.</summary>
public sealed class UserStore(Database database)
{
    const string Columns = "id, name, email, phone, created_at";

    /// <summary>Stores a user and returns it with its id.</summary>
    public async Task<User> AddAsync(string? name, string email, string? phone, DateTimeOffset now, CancellationToken ct) =>
        (await database.QueryAsync(
            $"INSERT INTO users(name, email, phone, created_at) VALUES (@name, @email, @phone, @now) RETURNING {Columns}",
            Map, ct, ("@name", name), ("@email", email), ("@phone", phone), ("@now", database.Time(now))))[0];

    /// <summary>The user, or null.</summary>
    public async Task<User?> GetAsync(long id, CancellationToken ct) =>
        (await database.QueryAsync($"SELECT {Columns} FROM users WHERE id = @id", Map, ct, ("@id", id))).SingleOrDefault();

    /// <summary>Users by id, at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<User>> ListAsync(int limit, CancellationToken ct) =>
        database.QueryAsync($"SELECT {Columns} FROM users ORDER BY id LIMIT @limit", Map, ct, ("@limit", limit));

    static User Map(DbDataReader r) =>
        new(r.GetInt64(0), r.NullableString(1), r.NullableString(2), r.NullableString(3), r.IsDBNull(4) ? null : TryTime(r));

    static DateTimeOffset? TryTime(DbDataReader r)
    {
        try
        {
            return r.Time(4);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
