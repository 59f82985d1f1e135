using Pipeline.Output;

namespace Pipeline.Tests.Output;

public sealed class TablesTests
{
    static string[] Write(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, TableOptions options)
    {
        using var text = new StringWriter();
        Tables.Write(text, headers, rows, options);
        return text.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }

    [Fact]
    public void Plain_columns_are_two_spaces_apart_under_a_dashed_rule_with_no_trailing_spaces()
    {
        var lines = Write(["Name", "Version", "Status"], [["git", "2.39.5", "OK"], ["Disk space", "-", ""]], new() { Layout = TableLayout.Plain() });

        Assert.Equal(["Name        Version  Status", "----------  -------  ------", "git         2.39.5   OK", "Disk space  -"], lines);
    }

    [Fact]
    public void A_free_text_last_column_wraps_at_spaces_to_fit_the_width_and_keeps_every_word()
    {
        var message = "the tag message holds no JSON manifest: recreate it with PromoteToProduction";
        var lines = Write(["Tag", "Problem"], [["rollback-20261121-090000", message]], new() { WrapLast = true, Layout = TableLayout.Plain(50) });

        Assert.All(lines, l => Assert.InRange(l.Length, 1, 50));
        Assert.True(lines.Length > 3);
        Assert.StartsWith("rollback-20261121-090000  the tag", lines[2]);
        Assert.Equal(message, string.Join(' ', lines.Skip(2).Select(l => l[26..].Trim())));
    }

    [Fact]
    public void Identifiers_never_wrap_a_table_wider_than_the_layout_keeps_its_natural_width()
    {
        var row = new[] { "2026-11-23 14:31:00Z", "promote", "production", "succeeded", "rollback-20261123-143000", "alice@build-01", "entry 1" };
        var lines = Write(["Time (UTC)", "Action", "Environment", "Outcome", "Rollback point", "By", "Message"], [row], new() { WrapLast = true, Layout = TableLayout.Plain(40) });

        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^2026-11-23 14:31:00Z\s+promote\s+production\s+succeeded\s+rollback-20261123-143000\s+alice@build-01\s+entry 1$", lines[2]);
    }

    [Fact]
    public void A_row_exactly_as_wide_as_the_layout_stays_on_one_line()
    {
        var row = new[] { new string('a', 30), new string('b', 30), "c c c c c c c c c c c c c c c c" };
        var lines = Write(["A", "B", "C"], [row], new() { WrapLast = true, Layout = TableLayout.Plain(30 + 2 + 30 + 2 + 31) });

        Assert.Equal(3, lines.Length);
        Assert.Equal(95, lines[2].Length);
    }

    [Fact]
    public void A_list_without_headers_is_indented_and_boxes_are_drawn_only_when_asked()
    {
        var list = Write(["", "", ""], [["PASS", "healthy", "after 1 s"], ["FAIL", "JSON logs", "line 1 is not JSON"]], new() { ShowHeaders = false, Indent = 2, Layout = TableLayout.Plain() });
        var boxed = Write(["Name"], [["git"]], new() { Layout = new TableLayout(80, Boxes: true) });

        Assert.Equal(["  PASS  healthy    after 1 s", "  FAIL  JSON logs  line 1 is not JSON"], list);
        Assert.Contains('│', boxed[1]);
        Assert.DoesNotContain(list.Concat(Write(["Name"], [["git"]], new() { Layout = TableLayout.Plain() })), l => l.Any(c => c > 127));
    }
}
