using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Targets;

/// <summary>Rewrites each event, its properties and its exception, so no sink ever sees a secret. Disposes the inner sink (closing the log file).</summary>
internal sealed class RedactingSink(ILogEventSink inner, Redactor redactor) : ILogEventSink, IDisposable
{
    static readonly MessageTemplateParser Parser = new();

    public void Emit(LogEvent logEvent)
    {
        if (redactor.Count == 0)
        {
            inner.Emit(logEvent);
            return;
        }
        var template = Parser.Parse(redactor.Redact(logEvent.MessageTemplate.Text));
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Redact(p.Value)));
        var exception = logEvent.Exception is null ? null : new RedactedException(logEvent.Exception, redactor);
        inner.Emit(new LogEvent(logEvent.Timestamp, logEvent.Level, exception, template, properties));
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    LogEventPropertyValue Redact(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } => new ScalarValue(redactor.Redact(s)),
        ScalarValue { Value: not null } sv when sv.Value.GetType() is { IsPrimitive: false, IsEnum: false } => new ScalarValue(redactor.Redact(sv.Value.ToString() ?? "")),
        SequenceValue seq => new SequenceValue(seq.Elements.Select(Redact)),
        StructureValue st => new StructureValue(st.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Value))), st.TypeTag),
        DictionaryValue d => new DictionaryValue(d.Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key, Redact(kv.Value)))),
        _ => value,
    };
}

/// <summary>Stands in for an exception, with secrets masked in its message and text.</summary>
public sealed class RedactedException : Exception
{
    readonly string text;
    readonly string? stackTrace;

    /// <summary>Wraps <paramref name="original"/>, masking secrets known to <paramref name="redactor"/>.</summary>
    public RedactedException(Exception original, Redactor redactor) : base(redactor.Redact(original.Message))
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(redactor);
        text = redactor.Redact(original.ToString());
        stackTrace = original.StackTrace is null ? null : redactor.Redact(original.StackTrace);
        OriginalType = original.GetType();
    }

    /// <summary>The type of the exception that was redacted.</summary>
    public Type OriginalType { get; }

    /// <inheritdoc />
    public override string? StackTrace => stackTrace;

    /// <inheritdoc />
    public override string ToString() => text;
}
