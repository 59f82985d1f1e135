#!/usr/bin/env bash
# Postgres sanitized sync: wall time of PostgresSync.CopyAsync (dump production in its container, restore into a
# tmpfs scratch server, check + sanitize with deploy-style rules, scan the copy, restore into staging with --clean,
# scan staging) for a database of ROWS users (names, emails, phones) and ROWS orders joined to them by email.
#
#   bash bench/pg-sync.sh            (ROWS=100000, RUNS=3 by default)
#
# Production and staging are two throwaway containers of the pipeline's Postgres image on the local engine (no
# published port); everything is removed at the end. Prints each step's time per run and the median total.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
ROWS="${ROWS:-100000}"
RUNS="${RUNS:-3}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT

mkdir -p "$DIR/app"
cat >"$DIR/app/pgsync.cs" <<EOF
#:project $ROOT/src/Pipeline/Pipeline.csproj
using System.Diagnostics;
using Docker.DotNet.Models;
using Pipeline.Data;
using Pipeline.Data.Postgres;
using Pipeline.Docker;
using Serilog;

var (rows, runs) = (int.Parse(args[0]), int.Parse(args[1]));
var log = new LoggerConfiguration().CreateLogger();
using var client = await Engine.ConnectAsync(CancellationToken.None);
await PostgresImage.EnsureAsync(client, log, CancellationToken.None);
var rules = SanitizationRules.Parse("""
    { "tables": {
        "users": { "id": "keep", "name": "name", "email": "email", "phone": "phone", "created_at": "keep" },
        "orders": { "id": "keep", "customer_email": "email", "note": "text", "total": "keep" } } }
    """, "bench-rules.json");
var ids = new List<string>();
try
{
    async Task<PostgresShell> StartAsync(string role)
    {
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = \$"bench-pg-sync-{role}-{Guid.NewGuid():N}"[..30],
            Image = PostgresImage.Tag,
            Env = ["POSTGRES_USER=app", \$"POSTGRES_PASSWORD={Guid.NewGuid():N}", "POSTGRES_DB=appdb"],
        });
        ids.Add(created.ID);
        await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        await PostgresImage.WaitReadyAsync(client, created.ID, CancellationToken.None);
        return new PostgresShell(client, created.ID, \$"the bench's {role} database");
    }
    var production = await StartAsync("prod");
    var staging = await StartAsync("stage");
    var seed = Stopwatch.StartNew();
    await production.ScriptAsync(sql => sql.WriteAsync(\$"""
        CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE, phone text, created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE orders (id serial PRIMARY KEY, customer_email text NOT NULL REFERENCES users (email), note text, total numeric NOT NULL);
        INSERT INTO users (name, email, phone) SELECT 'Person ' || g, 'person' || g || '@prod.example', '+44 7700 ' || lpad(g::text, 6, '0') FROM generate_series(1, {rows}) g;
        INSERT INTO orders (customer_email, note, total) SELECT email, 'call ' || name || ' at ' || phone, id FROM users;
        """), CancellationToken.None);
    Console.WriteLine(\$"seed {seed.Elapsed.TotalSeconds:F1}");
    var sync = new PostgresSync(client, log);
    for (var run = 1; run <= runs; run++)
    {
        var clock = Stopwatch.StartNew();
        var report = await sync.CopyAsync(production, staging, rules, "bench-salt", CancellationToken.None);
        Console.WriteLine(\$"run {clock.Elapsed.TotalSeconds:F2} {string.Join(" ", report.Steps.Select(s => \$"{s.Step.Replace(' ', '-')}={s.Took.TotalSeconds:F2}"))} renumbered={report.Sanitization.Renumbered}");
    }
}
finally
{
    foreach (var id in ids)
        await Remover.ContainerAsync(client, id, removeVolumes: true, CancellationToken.None);
}
EOF
echo "building the measuring program (src/Pipeline)..." >&2
dotnet build "$DIR/app/pgsync.cs" -p:TreatWarningsAsErrors=false >"$DIR/build.log" 2>&1 || { cat "$DIR/build.log" >&2; exit 1; }
RESULT="$(dotnet run --no-build "$DIR/app/pgsync.cs" -- "$ROWS" "$RUNS")"

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "postgres sanitized sync: $ROWS users + $ROWS orders, $RUNS runs ($(nproc) cores)"
echo "  seeding production: $(awk '/^seed/ { print $2 }' <<<"$RESULT") s"
awk '/^run/ { $1 = ""; print "  run:" $0 }' <<<"$RESULT" | sed 's/^  run: \([0-9.]*\)/  run: \1 s total;/'
echo "  median total: $(awk '/^run/ { print $2 }' <<<"$RESULT" | median) s"
