#!/usr/bin/env bash
# Stacks with a real database, part 1: backup, verify and restore of a Postgres accessory holding ROWS rows (100,000 by
# default, generated here in three tables: 10% customers, 80% orders referencing them, 10% invoices).
#
#   bash bench/stack.sh        (RUNS=3, ROWS=100000 by default)
#
# The accessory is a throwaway container of the pipeline's Postgres image (local/postgres:15-<hash>, built first if
# missing) with its data on a volume and no published port, as in a stack. Each run times, with the pipeline's own code
# (src/Pipeline/Data/Postgres):
#   backup   pg_dump --format=custom in the accessory by exec, streamed and hashed into a backup store, table facts read
#            in the dump's snapshot
#   verify   restore of the fresh dump into a throwaway server (started by the verify: included) and comparison of
#            every table's rows and checksum with the facts
#   restore  sha256 check, pg_restore --clean --if-exists --single-transaction into the accessory, facts read again
# Prints every run and the medians. Goal (issue 13): verified backup (backup + verify) of 100,000 rows under 10 s.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
RUNS="${RUNS:-3}"
ROWS="${ROWS:-100000}"
LABEL="org.app-pipeline.bench=stack-$$"
DIR="$(mktemp -d)"

cleanup() { # by label, so a killed run leaves nothing either
  docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f -v >/dev/null
  docker volume ls -q --filter "label=$LABEL" | xargs -r docker volume rm >/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT

mkdir -p "$DIR/app"
printf "#:project %s\n#:property PublishAot=false\n#:property JsonSerializerIsReflectionEnabledByDefault=true\n" "$ROOT/src/Pipeline/Pipeline.csproj" >"$DIR/app/stack.cs"
cat >>"$DIR/app/stack.cs" <<'CS'
using System.Diagnostics;
using Docker.DotNet.Models;
using Pipeline.Data;
using Pipeline.Data.Postgres;
using Pipeline.Docker;
using Serilog;

var (runs, rows, label, work) = (int.Parse(args[0]), int.Parse(args[1]), args[2].Split('=', 2), args[3]);
var ct = CancellationToken.None;
var log = new LoggerConfiguration().CreateLogger();
using var client = await Engine.ConnectAsync(ct);
var clock = Stopwatch.StartNew();
if (await PostgresImage.EnsureAsync(client, log, ct))
    Console.WriteLine($"image    built {PostgresImage.Tag} in {clock.Elapsed.TotalSeconds:F1} s");
var name = $"bench-stack-pg-{Guid.NewGuid():N}"[..28];
var labels = new Dictionary<string, string> { [label[0]] = label[1] };
await client.Volumes.CreateAsync(new VolumesCreateParameters { Name = $"{name}-data", Labels = labels }, ct);
var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
{
    Name = name,
    Image = PostgresImage.Tag,
    Labels = labels,
    Env = ["POSTGRES_USER=app", $"POSTGRES_PASSWORD={Guid.NewGuid():N}", "POSTGRES_DB=appdb"],
    HostConfig = new HostConfig { Mounts = [new Mount { Type = "volume", Source = $"{name}-data", Target = PostgresImage.DataDirectory }] },
}, ct);
await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
await PostgresImage.WaitReadyAsync(client, created.ID, ct);
var accessory = new PostgresShell(client, created.ID, "the bench accessory");

clock.Restart();
var (customers, invoices) = (rows / 10, rows / 10);
await accessory.ScriptAsync(sql => sql.WriteLineAsync($"""
    CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE NOT NULL, joined timestamptz NOT NULL);
    CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, amount numeric(10,2) NOT NULL,
                         placed date NOT NULL, note text);
    CREATE INDEX ON orders (customer_id);
    CREATE TABLE invoices (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, total numeric(12,2), due date);
    INSERT INTO customers (name, email, joined)
      SELECT 'Customer ' || i, 'customer' || i || '@example.com', timestamptz '2026-01-01 00:00+00' + i * interval '1 minute'
      FROM generate_series(1, {customers}) i;
    INSERT INTO orders (customer_id, amount, placed, note)
      SELECT 1 + i % {customers}, (i % 10000) / 100.0, date '2026-01-01' + i % 365, CASE WHEN i % 5 = 0 THEN NULL ELSE 'order note ' || md5(i::text) END
      FROM generate_series(1, {rows - customers - invoices}) i;
    INSERT INTO invoices (customer_id, total, due) SELECT 1 + i % {customers}, i * 3.5, date '2026-02-01' + i % 90 FROM generate_series(1, {invoices}) i;
    """), ct);
Console.WriteLine($"generate {rows:N0} rows in 3 tables: {clock.Elapsed.TotalSeconds:F1} s");

var store = new BackupStore(Path.Combine(work, "backups", "bench"));
var times = new List<(double Backup, double Verify, double Restore)>();
try
{
    for (var run = 1; run <= runs; run++)
    {
        clock.Restart();
        var backup = await new PostgresBackup(log).BackupAsync(accessory, store, new BackupInfo("bench", "bench", $"run {run}"), ct);
        var backedUp = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var verification = await new PostgresBackupVerifier(client, log).VerifyAsync(backup, store, ct);
        var verified = clock.Elapsed.TotalSeconds;
        if (!verification.Verified)
            throw new InvalidOperationException(verification.Describe());
        clock.Restart();
        var restore = await new PostgresRestore(log).RestoreAsync(accessory, backup, store, ct);
        var restored = clock.Elapsed.TotalSeconds;
        if (!restore.Check.Verified)
            throw new InvalidOperationException(restore.Check.Describe());
        times.Add((backedUp, verified, restored));
        Console.WriteLine($"run {run}    backup {backedUp:F2} s  verify {verified:F2} s  verified backup {backedUp + verified:F2} s  restore {restored:F2} s  " +
            $"({backup.Postgres!.Rows:N0} rows, dump {backup.Size / 1024.0 / 1024.0:F1} MiB)");
    }
}
finally
{
    await Remover.ContainerAsync(client, created.ID, removeVolumes: true, ct);
    await Remover.VolumeAsync(client, $"{name}-data", ct);
}
double Median(IEnumerable<double> values) => values.Order().ElementAt((times.Count - 1) / 2);
Console.WriteLine($"median   backup {Median(times.Select(t => t.Backup)):F2} s  verify {Median(times.Select(t => t.Verify)):F2} s  " +
    $"verified backup {Median(times.Select(t => t.Backup + t.Verify)):F2} s (goal < 10 s)  restore {Median(times.Select(t => t.Restore)):F2} s");
CS

echo "building the measuring program (src/Pipeline)..." >&2
dotnet build "$DIR/app/stack.cs" -p:TreatWarningsAsErrors=false >"$DIR/build.log" 2>&1 || { cat "$DIR/build.log" >&2; exit 1; }
echo "stack bench: Postgres backup, verify, restore of $ROWS rows, $RUNS run(s) ($(nproc) cores, dockerd $(docker version -f '{{.Server.Version}}'))"
dotnet run --no-build "$DIR/app/stack.cs" -- "$RUNS" "$ROWS" "$LABEL" "$DIR"
