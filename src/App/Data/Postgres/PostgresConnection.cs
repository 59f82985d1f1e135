using Npgsql;

namespace App.Data.Postgres;

/// <summary>
/// Where the Postgres database is (<c>ConnectionStrings__Postgres</c>), checked once at start. Its text form names the user,
/// host and database, never the password, so it may be logged.
/// </summary>
public sealed class PostgresConnection
{
    /// <summary>The configuration key (<c>ConnectionStrings__Postgres</c> as an environment variable).</summary>
    public const string Key = "ConnectionStrings:Postgres";

    /// <summary>The environment variable that sets <see cref="Key"/>.</summary>
    public const string Variable = "ConnectionStrings__Postgres";

    readonly string _connectionString;
    readonly string _description;

    PostgresConnection(string connectionString, string description)
    {
        _connectionString = connectionString;
        _description = description;
    }

    /// <summary>Null when <paramref name="text"/> is blank (the service then runs on SQLite); throws naming the fix when it is not a connection string.</summary>
    public static PostgresConnection? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text.Trim());
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new InvalidOperationException(
                $"{Variable} is not a Postgres connection string ({e.Message}). Write it as Host=db;Username=app;Database=app " +
                "(the password in PGPASSWORD, or Password=...), or unset it to run on SQLite.", e);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new InvalidOperationException($"{Variable} names no host: add Host=<server> (e.g. Host=db;Username=app;Database=app).");
        builder.ApplicationName ??= "App";
        return new(builder.ConnectionString, $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>
    /// A pool of connections to the database. The slim builder with TLS: no Kerberos/GSSAPI, which would look for
    /// libgssapi_krb5 (absent from the distroless image) on every connection, and none of the type mappings this app does not use.
    /// </summary>
    public NpgsqlDataSource CreateDataSource() => new NpgsqlSlimDataSourceBuilder(_connectionString).EnableTransportSecurity().Build();

    /// <inheritdoc />
    public override string ToString() => _description;
}
