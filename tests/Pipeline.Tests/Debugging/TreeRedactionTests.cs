using System.Text.Json.Nodes;
using Pipeline.Debugging;
using Pipeline.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Tests.Debugging;

public sealed class TreeRedactionTests
{
    const string ComposeConfig = """
        services:
          app:
            environment:
              APP_SECRET_TOKEN: tok-1234567890
              DATABASE_URL: postgres://app:pw-0987654321@db/app
              WORKER_THREADS: '2'
            command: ["--token=tok-1234567890", "--verbose"]
            image: localhost:5000/app@sha256:8fce70404b716b16b6bef94f855e7668ee3ef89865aed6b3cb1ce6a8ccd3a031
        version: '3.9'
        """;

    [Fact]
    public void Compose_configuration_stays_valid_yaml_with_secret_values_masked()
    {
        var redactor = new ValueRedactor(Maskers.New());

        var yaml = YamlRedaction.Redact(ComposeConfig, redactor);

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var app = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["services"])["app"];
        var environment = (YamlMappingNode)app["environment"];
        Assert.Equal("***", ((YamlScalarNode)environment["APP_SECRET_TOKEN"]).Value);
        Assert.Equal("postgres://app:***@db/app", ((YamlScalarNode)environment["DATABASE_URL"]).Value);
        Assert.Equal("2", ((YamlScalarNode)environment["WORKER_THREADS"]).Value);
        Assert.Equal("--token=***", ((YamlScalarNode)((YamlSequenceNode)app["command"])[0]).Value);
        Assert.DoesNotContain("tok-1234567890", yaml);
        Assert.DoesNotContain("pw-0987654321", yaml);
        Assert.Equal(2, redactor.Counts[RedactionRule.SecretName]);
        Assert.Equal(1, redactor.Counts[RedactionRule.UrlCredentials]);
    }

    [Fact]
    public void Json_masks_secret_named_properties_and_redacts_every_other_string()
    {
        var redactor = new ValueRedactor(Maskers.New());
        var node = JsonNode.Parse("""{"Config":{"Env":["API_KEY=abcdef123456","MODE=prod"],"Labels":{"owner":"ops@corp.example"}},"accessToken":"zzzzzzzzzz","count":3}""");

        var json = JsonRedaction.Redact(node, redactor)!.ToJsonString();

        Assert.Equal("""{"Config":{"Env":["API_KEY=***","MODE=prod"],"Labels":{"owner":"***@***"}},"accessToken":"***","count":3}""", json);
        Assert.Equal(2, redactor.Counts[RedactionRule.SecretName]);
        Assert.Equal(1, redactor.Counts[RedactionRule.Email]);
    }
}
