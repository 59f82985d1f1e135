using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Data.Postgres;

/// <summary>Postgres' <c>COPY</c> text format: tab-separated fields, one row a line, <c>\N</c> for NULL, backslash escapes.</summary>
internal static class CopyText
{
    /// <summary>The rows of a <c>COPY ... TO STDOUT</c> output.</summary>
    public static async IAsyncEnumerable<string?[]> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line)
            yield return Fields(line);
    }

    /// <summary>One line split into fields and unescaped.</summary>
    public static string?[] Fields(string line) => [.. line.Split('\t').Select(f => f == "\\N" ? null : Unescape(f))];

    /// <summary>A value written as a field of <c>COPY ... FROM STDIN</c>.</summary>
    public static string Escape(string? value)
    {
        if (value is null)
            return "\\N";
        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        return text.ToString();
    }

    static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
            return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\' || i + 1 == field.Length)
            {
                text.Append(field[i]);
                continue;
            }
            text.Append(field[++i] switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'v' => '\v',
                var other => other,
            });
        }
        return text.ToString();
    }
}
