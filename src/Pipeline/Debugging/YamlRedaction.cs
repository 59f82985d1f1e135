using YamlDotNet.RepresentationModel;

namespace Pipeline.Debugging;

/// <summary>Redacts YAML (the resolved compose configuration) as a tree, so the result is still valid YAML.</summary>
public static class YamlRedaction
{
    /// <summary>The YAML with each secret-named key's value masked and every other scalar redacted as text.</summary>
    public static string Redact(string yaml, ValueRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
            stream.Load(reader);
        foreach (var document in stream.Documents)
            Walk(document.RootNode, redactor);
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    static void Set(YamlScalarNode scalar, string value)
    {
        if (value == scalar.Value)
            return;
        scalar.Value = value;
        scalar.Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted;
    }

    static void Walk(YamlNode node, ValueRedactor redactor)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children.ToList())
                {
                    if (value is YamlScalarNode { Value: { } text } scalar && key is YamlScalarNode { Value: { } name })
                        Set(scalar, redactor.Variable(name, text));
                    else
                        Walk(value, redactor);
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                    if (item is YamlScalarNode { Value: { } text } scalar)
                        Set(scalar, redactor.Entry(text));
                    else
                        Walk(item, redactor);
                break;
        }
    }
}
