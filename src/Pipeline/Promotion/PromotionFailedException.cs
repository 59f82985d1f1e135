namespace Pipeline.Promotion;

/// <summary>A rollback point or its backup cannot be used, so nothing was changed; the message says what to pick instead.</summary>
public sealed class PromotionFailedException(string message) : Exception(message);
