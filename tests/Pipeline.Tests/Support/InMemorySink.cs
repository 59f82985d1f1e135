using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Pipeline.Tests.Support;

/// <summary>A Serilog sink that keeps every event, so tests can look at levels and messages.</summary>
public sealed class InMemorySink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => events.ToArray();

    public IEnumerable<string> Messages => Events.Select(e => e.RenderMessage());

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    /// <summary>A logger that writes every level to a new sink.</summary>
    public static (ILogger Logger, InMemorySink Sink) CreateLogger()
    {
        var sink = new InMemorySink();
        return (new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger(), sink);
    }
}
