using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;

namespace Pipeline.Data.Postgres;

/// <summary>
/// The Postgres server of one container, reached through the Engine API's exec (no published port, local or ssh:// engine
/// alike): <c>psql</c>, <c>pg_dump</c> and <c>pg_restore</c> run inside the container over its Unix socket, as its
/// <c>POSTGRES_USER</c> on its <c>POSTGRES_DB</c>. Input and output are streamed, never written to a file.
/// </summary>
public sealed class PostgresShell(DockerClient client, string containerId, string what)
{
    const string Launcher = """exec "$0" -U "${POSTGRES_USER:-postgres}" -d "${PGDATABASE:-${POSTGRES_DB:-${POSTGRES_USER:-postgres}}}" "$@" """;
    static readonly PollOptions ExitPoll = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30));

    /// <summary>The container's id.</summary>
    public string ContainerId { get; } = containerId;

    /// <summary>What this server is, for messages ("production's accessory app-db").</summary>
    public string What { get; } = what;

    /// <summary>The database to work on; the container's <c>POSTGRES_DB</c> when null.</summary>
    public string? Database { get; init; }

    /// <summary>
    /// Runs <paramref name="tool"/> with <paramref name="arguments"/>; <paramref name="input"/> writes its stdin, <paramref name="output"/>
    /// reads its stdout (both concurrently). A non-zero exit throws <see cref="DataException"/> with the tool's last error lines
    /// (its DETAIL, CONTEXT and "Command was" lines left out: they may quote row values).
    /// </summary>
    public async Task RunAsync(string tool, IReadOnlyList<string> arguments, Func<Stream, CancellationToken, Task>? input, Func<Stream, CancellationToken, Task>? output, CancellationToken ct)
    {
        var (exitCode, errors) = await TryRunAsync(tool, arguments, input, output, ct);
        if (exitCode != 0)
            throw new DataException($"{tool} in {What} failed (exit {exitCode}): {errors}");
    }

    /// <summary>Like <see cref="RunAsync"/>, but returns the exit code and the last error lines instead of throwing.</summary>
    public async Task<(long ExitCode, string Errors)> TryRunAsync(
        string tool, IReadOnlyList<string> arguments, Func<Stream, CancellationToken, Task>? input, Func<Stream, CancellationToken, Task>? output, CancellationToken ct)
    {
        var exec = await client.Exec.CreateContainerExecAsync(ContainerId, new ContainerExecCreateParameters
        {
            Cmd = ["sh", "-c", Launcher, tool, .. arguments],
            Env = Database is null ? [] : [$"PGDATABASE={Database}"],
            AttachStdin = input is not null,
            AttachStdout = true,
            AttachStderr = true,
        }, ct);
        var errors = new StringBuilder();
        IOException? inputFailed = null;
        using (var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), ct))
        {
            var stdout = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20));
            var reading = Task.Run(() => ReadOutputAsync(stream, stdout.Writer, errors, ct), ct);
            var consuming = ConsumeAsync(stdout.Reader, output, ct);
            if (input is not null)
            {
                try
                {
                    await using (var stdin = new ExecInput(stream))
                        await input(stdin, ct);
                    stream.CloseWrite();
                }
                catch (IOException e)
                {
                    inputFailed = e;
                }
            }
            await Task.WhenAll(reading, consuming);
        }
        var exit = await Poll.UntilAsync<ContainerExecInspectResponse>(
            async (_, token) => await client.Exec.InspectContainerExecAsync(exec.ID, token) is { Running: false } done ? done : null,
            ExitPoll, _ => throw new DataException($"{tool} in {What} did not exit after its output ended; check the container ({ContainerData.Short(ContainerId)})."), ct);
        if (inputFailed is not null && exit.ExitCode is 0)
            throw new DataException($"Writing the input of {tool} in {What} failed: {inputFailed.Message}", inputFailed);
        return (exit.ExitCode ?? -1, Errors(errors.ToString()));
    }

    /// <summary>Runs a SQL script with <c>psql</c> in one transaction, stopping at the first error; returns what it printed.</summary>
    public async Task<string> ScriptAsync(Func<TextWriter, Task> write, CancellationToken ct)
    {
        var printed = new MemoryStream();
        await RunAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", "-"],
            async (stdin, _) =>
            {
                await using var writer = new StreamWriter(stdin, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                await writer.WriteLineAsync("\\set VERBOSITY terse");
                await write(writer);
            },
            (stdout, token) => stdout.CopyToAsync(printed, token), ct);
        return Encoding.UTF8.GetString(printed.ToArray());
    }

    /// <summary>The rows of one query, read with <c>COPY ... TO STDOUT</c> (NULL is null).</summary>
    public async Task<IReadOnlyList<string?[]>> QueryAsync(string sql, CancellationToken ct)
    {
        var rows = new List<string?[]>();
        await RunAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", $"COPY ({sql}) TO STDOUT"], null,
            async (stdout, token) =>
            {
                await foreach (var row in CopyText.ReadAsync(stdout, token))
                    rows.Add(row);
            }, ct);
        return rows;
    }

    static async Task ReadOutputAsync(MultiplexedStream stream, PipeWriter stdout, StringBuilder errors, CancellationToken ct)
    {
        try
        {
            var buffer = new byte[81920];
            while (await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct) is { EOF: false } read)
                if (read.Target == MultiplexedStream.TargetStream.StandardError)
                {
                    if (errors.Length < 64 << 10)
                        errors.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
                }
                else if ((await stdout.WriteAsync(buffer.AsMemory(0, read.Count), ct)).IsCompleted)
                    break;
            await stdout.CompleteAsync();
        }
        catch (Exception e)
        {
            await stdout.CompleteAsync(e);
            throw;
        }
    }

    static async Task ConsumeAsync(PipeReader reader, Func<Stream, CancellationToken, Task>? output, CancellationToken ct)
    {
        try
        {
            if (output is not null)
                await using (var stream = reader.AsStream(leaveOpen: true))
                    await output(stream, ct);
            while (await reader.ReadAsync(ct) is var rest)
            {
                reader.AdvanceTo(rest.Buffer.End);
                if (rest.IsCompleted)
                    break;
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>Error lines that may quote row values: left out of messages.</summary>
    static readonly string[] Quoting = ["DETAIL:", "CONTEXT:", "Command was:"];

    static string Errors(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !Quoting.Any(q => l.Contains(q, StringComparison.Ordinal))).TakeLast(8).ToList();
        return lines.Count == 0 ? "(it wrote no error)" : string.Join(" | ", lines);
    }

    /// <summary>A write-only stream into the exec's stdin.</summary>
    sealed class ExecInput(MultiplexedStream stream) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => stream.WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => stream.WriteAsync(buffer, offset, count, cancellationToken);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var segment = MemoryMarshal.TryGetArray(buffer, out var array) ? array : new ArraySegment<byte>(buffer.ToArray());
            await stream.WriteAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken);
        }
    }
}
