namespace Pipeline.Promotion;

/// <summary>A promotion or rollback did not complete; the message says what happened to production and what to run next.</summary>
public sealed class PromotionFailedException(string message) : Exception(message);
