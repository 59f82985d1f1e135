using System.Text.Json;
using Pipeline.Output;

namespace Pipeline.Delivery;

public sealed partial class AuditLog
{
    static readonly string[] Headers = ["Time (UTC)", "Action", "Environment", "Outcome", "Version", "Previous", "Commit", "Rollback point", "Backup", "By", "Message"];

    /// <summary>Writes <paramref name="entries"/> as a table, one row each, in the order given.</summary>
    public static void Write(TextWriter writer, IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var rows = (entries ?? []).ToList();
        if (rows.Count == 0)
        {
            writer.WriteLine("No deployments recorded yet.");
            return;
        }
        Tables.Write(writer, Headers, rows.Select(e => (IReadOnlyList<string>)
        [
            Tables.Time(e.Time), Kebab(e.Action), e.Environment, Kebab(e.Outcome), e.Version ?? "-", e.PreviousVersion ?? "-",
            Tables.Short(e.Commit, 7), e.RollbackTag ?? "-", e.BackupId ?? "-", By(e), OneLine(e.Message),
        ]), new TableOptions { WrapLast = true });
    }

    static string Kebab<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    static string By(AuditEntry entry) => (entry.User, entry.Machine) switch
    {
        (null, null) => "-",
        (var user, null) => user,
        (null, var machine) => $"@{machine}",
        var (user, machine) => $"{user}@{machine}",
    };

    static string OneLine(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "-" : string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
