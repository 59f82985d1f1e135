using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Pipeline.Images;
using Serilog;

namespace Pipeline.Data.Postgres;

/// <summary>
/// The Postgres image: PostgreSQL 15 from Debian bookworm on the local minbase, tagged <c>local/postgres:15-&lt;recipe hash&gt;</c>,
/// so it is built once and again only when this recipe changes. Its environment is the official image's: <c>POSTGRES_USER</c>,
/// <c>POSTGRES_PASSWORD</c>, <c>POSTGRES_DB</c>, <c>PGDATA</c> (and <c>POSTGRES_HOST_AUTH_METHOD</c>, <c>POSTGRES_INITDB_ARGS</c>);
/// the first start initialises the cluster, the server listens on 5432, and <c>pg_dump</c>, <c>pg_restore</c> and <c>psql</c> are on the path.
/// Mount a named volume at <see cref="DataDirectory"/> to keep the data across containers.
/// </summary>
public static partial class PostgresImage
{
    /// <summary>The PostgreSQL major version the recipe installs (Debian bookworm's).</summary>
    public const string PostgresVersion = "15";

    /// <summary>The base image Postgres is built on.</summary>
    public const string BaseImage = "local/debian:bookworm-minbase";

    /// <summary>The default <c>PGDATA</c>, owned by the <c>postgres</c> user (uid 999, as in the official image).</summary>
    public const string DataDirectory = "/var/lib/postgresql/data";

    /// <summary>The port the server listens on.</summary>
    public const int Port = 5432;

    /// <summary>
    /// The entrypoint. The first start runs <c>initdb</c> and creates <c>POSTGRES_DB</c> in single-user mode, so the server
    /// accepts connections (and the health check passes) only once it is the final server. Arguments starting with <c>-</c>
    /// are passed to <c>postgres</c> (e.g. <c>-c fsync=off</c>).
    /// </summary>
    public const string EntryPoint = """
        #!/bin/sh
        set -eu
        if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
        if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
          user="${POSTGRES_USER:-postgres}"
          method="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
          if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$method" != trust ]; then
            echo "error: the database is not initialised and POSTGRES_PASSWORD is not set: set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust for a throwaway database)" >&2
            exit 1
          fi
          pwfile="$(mktemp)"
          printf '%s\n' "${POSTGRES_PASSWORD:-}" > "$pwfile"
          pwopt="--pwfile=$pwfile"
          if [ -z "${POSTGRES_PASSWORD:-}" ]; then pwopt=""; fi
          initdb --username="$user" $pwopt --auth-local=trust --auth-host="$method" --encoding=UTF8 --locale=C.UTF-8 ${POSTGRES_INITDB_ARGS:-}
          rm -f "$pwfile"
          printf 'host all all all %s\n' "$method" >> "$PGDATA/pg_hba.conf"
          printf "listen_addresses = '*'\n" >> "$PGDATA/postgresql.conf"
          db="${POSTGRES_DB:-$user}"
          if [ "$db" != postgres ]; then
            printf 'CREATE DATABASE "%s"\n' "$(printf '%s' "$db" | sed 's/"/""/g')" | postgres --single -D "$PGDATA" postgres >/dev/null
          fi
          echo "PostgreSQL init process complete; ready for start up."
        fi
        exec "$@"

        """;

    /// <summary>
    /// The Dockerfile. No main cluster is created at install; <c>SIGINT</c> is Postgres's fast shutdown, so <c>docker stop</c>
    /// ends sessions cleanly; the health check is <c>pg_isready</c> on the local socket.
    /// </summary>
    public static readonly string Recipe = $$$"""
        FROM {{{BaseImage}}}
        ENV PATH=/usr/lib/postgresql/{{{PostgresVersion}}}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            LANG=C.UTF-8 \
            PGDATA={{{DataDirectory}}}
        RUN groupadd -r -g 999 postgres \
         && useradd -r -g postgres -u 999 -d /var/lib/postgresql -s /bin/sh postgres \
         && mkdir -p /etc/postgresql-common/createcluster.d \
         && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/no-main-cluster.conf \
         && apt-get update \
         && apt-get install -y --no-install-recommends postgresql-{{{PostgresVersion}}} \
         && rm -rf /var/lib/apt/lists/* \
         && postgres --version | grep -q ' {{{PostgresVersion}}}\.' \
         && mkdir -p {{{DataDirectory}}} /var/run/postgresql \
         && chown postgres:postgres /var/lib/postgresql {{{DataDirectory}}} /var/run/postgresql \
         && chmod 700 {{{DataDirectory}}}
        COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
        USER postgres
        EXPOSE {{{Port}}}
        STOPSIGNAL SIGINT
        HEALTHCHECK --interval=2s --timeout=5s --start-period=60s --retries=3 CMD pg_isready -q -U "${POSTGRES_USER:-postgres}" -d "${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"
        ENTRYPOINT ["docker-entrypoint.sh"]
        CMD ["postgres"]

        """;

    /// <summary>The image tag for the current recipe and entrypoint.</summary>
    public static string Tag => Image.Tag;

    static readonly RecipeImage Image = new("local/postgres", PostgresVersion, "the Postgres image", BaseImage, Recipe) { Scripts = new Dictionary<string, string> { ["docker-entrypoint.sh"] = EntryPoint } };

    /// <summary>Builds <see cref="Tag"/> unless it is present; true when it was built.</summary>
    public static async Task<bool> EnsureAsync(DockerClient docker, ILogger log, CancellationToken ct)
    {
        try
        {
            return await Image.EnsureAsync(docker, log, ct);
        }
        catch (ImageBuildException e)
        {
            throw new DataException(e.Message);
        }
    }
}
