using System.Globalization;
using System.Text.RegularExpressions;

namespace App.Data.Postgres;

/// <summary>
/// Postgres's migrations: the files <c>NNN_what_it_does.sql</c> in <c>migrations/postgres/</c> beside the app (content files
/// of App.csproj, so a release ships exactly the files its build context had). Numbered from 1 without gaps; each file runs
/// in one transaction, so it must not hold statements that refuse one (<c>CREATE INDEX CONCURRENTLY</c>, <c>VACUUM</c>).
/// </summary>
public static partial class PostgresMigrations
{
    /// <summary>Where a build or publish puts the files.</summary>
    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "migrations", "postgres");

    /// <summary>The migrations in <paramref name="directory"/>, by number; throws naming the file when one is misnamed or a number is missing or taken twice.</summary>
    public static IReadOnlyList<MigrationStep> Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidOperationException($"No Postgres migrations at {directory}: the build lost App's migrations/postgres/*.sql content files. Build or publish src/App/App.csproj again.");
        var steps = Directory.EnumerateFiles(directory, "*.sql")
            .Select(path => Parse(path))
            .OrderBy(s => s.Version)
            .ToList();
        for (var i = 0; i < steps.Count; i++)
            if (steps[i].Version != i + 1)
                throw new InvalidOperationException(
                    $"Postgres migrations in {directory} must be numbered 1, 2, 3... without gaps or repeats; expected {i + 1}, found {steps[i].Name}. Renumber the files.");
        return steps;
    }

    static MigrationStep Parse(string path)
    {
        var name = Path.GetFileName(path);
        var match = FileName().Match(name);
        if (!match.Success)
            throw new InvalidOperationException($"Postgres migration file {path} is misnamed: name it NNN_what_it_does.sql (e.g. 003_add_user_locale.sql).");
        return new(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, File.ReadAllText(path));
    }

    [GeneratedRegex(@"^(\d{1,6})_[A-Za-z0-9_.-]+\.sql$")]
    private static partial Regex FileName();
}
