using System.Text.Json.Serialization;

namespace Pipeline.Data;

/// <summary>What a backup holds: a service's SQLite data folder (<c>data.tar</c>) or a Postgres database (<c>data.pgdump</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackupKind>))]
public enum BackupKind
{
    /// <summary>The data folder of the service's container, as a tar (today's single-service path).</summary>
    [JsonStringEnumMemberName("sqlite")]
    Sqlite,

    /// <summary><c>pg_dump</c> of a Postgres accessory's database, in custom format.</summary>
    [JsonStringEnumMemberName("postgres")]
    Postgres,
}
