namespace Pipeline.Proxy;

/// <summary>A route in maintenance: every request is answered 503 with <paramref name="Message"/> and <c>Retry-After</c>.</summary>
/// <param name="Message">The response body.</param>
/// <param name="RetryAfter">Sent as <c>Retry-After</c> in whole seconds.</param>
public sealed record Maintenance(string Message, TimeSpan RetryAfter)
{
    /// <summary>The message used when none is given.</summary>
    public const string DefaultMessage = "This service is down for maintenance. Please try again shortly.";

    /// <summary>The message, never null.</summary>
    public string Message { get; } = Message is null ? DefaultMessage
        : Message.Any(char.IsControl) ? throw new ArgumentException("A maintenance message is one line of text without control characters.", nameof(Message))
        : Message;

    /// <summary>The retry delay, checked to be 0 s to one day.</summary>
    public TimeSpan RetryAfter { get; } = RetryAfter >= TimeSpan.Zero && RetryAfter <= TimeSpan.FromDays(1) ? RetryAfter
        : throw new ArgumentOutOfRangeException(nameof(RetryAfter), RetryAfter, "Retry-After must be between 0 s and one day.");

    /// <summary>The <c>Retry-After</c> header value.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);
}
