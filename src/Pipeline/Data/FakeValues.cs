using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Data;

/// <summary>
/// Deterministic fakes: each value is keyed by HMAC-SHA256(salt, value), so the same input always gives the same fake
/// (joins still hold) and another salt gives other fakes. NULL stays NULL and empty text stays empty.
/// </summary>
internal sealed class FakeValues(string salt)
{
    readonly byte[] key = Encoding.UTF8.GetBytes(salt);

    public object? Replace(RuleKind kind, object? value)
    {
        if (kind == RuleKind.Keep)
            return value;
        if (kind == RuleKind.Drop || value is null or DBNull)
            return null;
        var bytes = value switch
        {
            byte[] blob => blob,
            string text => Encoding.UTF8.GetBytes(text),
            IFormattable number => Encoding.UTF8.GetBytes(number.ToString(null, CultureInfo.InvariantCulture)),
            _ => Encoding.UTF8.GetBytes(value.ToString() ?? ""),
        };
        if (value is string s && string.IsNullOrWhiteSpace(s))
            return value;
        var hash = HMACSHA256.HashData(key, bytes);
        return kind switch
        {
            RuleKind.Email => $"user-{Convert.ToHexStringLower(hash.AsSpan(0, 4))}@example.invalid",
            RuleKind.Phone => Phone(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(4)) % 10_000_000),
            RuleKind.Name => $"{FakeWords.First[hash[8] % FakeWords.First.Count]} {FakeWords.Last[hash[9] % FakeWords.Last.Count]}",
            RuleKind.Text => Sentence(hash),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no fake for this rule kind"),
        };
    }

    static string Phone(uint digits) =>
        string.Create(CultureInfo.InvariantCulture, $"+1-555-{digits / 10_000:D3}-{digits % 10_000:D4}");

    static string Sentence(byte[] hash)
    {
        var words = Enumerable.Range(0, 5 + (hash[10] % 8)).Select(i => FakeWords.Lorem[hash[11 + i] % FakeWords.Lorem.Count]).ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + ".";
    }
}
