using Pipeline.Debugging;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Debugging;

public sealed class ValueRedactorTests
{
    [Fact]
    public void A_secret_named_variable_is_masked_and_its_value_is_masked_wherever_else_it_appears()
    {
        var redactor = new ValueRedactor(Maskers.New());

        var entry = redactor.Entry("PAYMENT_API_KEY=sk-live-8f7e6d5c4b3a");
        var line = redactor.Text("calling https://pay.example with sk-live-8f7e6d5c4b3a twice: sk-live-8f7e6d5c4b3a");

        Assert.Equal("PAYMENT_API_KEY=***", entry);
        Assert.Equal("calling https://pay.example with *** twice: ***", line);
        Assert.Equal(1, redactor.Counts[RedactionRule.SecretName]);
        Assert.Equal(2, redactor.Counts[RedactionRule.SecretValue]);
    }

    [Fact]
    public void An_ordinary_variable_is_kept_and_masking_twice_counts_once()
    {
        var redactor = new ValueRedactor(Maskers.New());

        Assert.Equal("WORKER_THREADS=4", redactor.Entry("WORKER_THREADS=4"));
        Assert.Equal("DB_PASSWORD=***", redactor.Entry(redactor.Entry("DB_PASSWORD=hunter2hunter2")));

        Assert.Equal(1, redactor.Counts.Values.Sum());
    }

    [Theory]
    [InlineData("Server=db;User Id=app;Password=Tr0ub4dor;", "Server=db;User Id=app;Password=***;", RedactionRule.SecretName)]
    [InlineData("connecting to postgres://app:s3cr3tpw@db.internal:5432/app", "connecting to postgres://app:***@db.internal:5432/app", RedactionRule.UrlCredentials)]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "Authorization: Bearer ***", RedactionRule.BearerToken)]
    [InlineData("mail to jane.doe@corp.example failed", "mail to ***@*** failed", RedactionRule.Email)]
    [InlineData("call +44 20 7946 0958 back", "call +*** back", RedactionRule.Phone)]
    [InlineData("{\"phone\":\"\\u002B44 20 7946 0958\"}", "{\"phone\":\"+***\"}", RedactionRule.Phone)]
    [InlineData("key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", "key:\n-----BEGIN PRIVATE KEY-----***-----END PRIVATE KEY-----", RedactionRule.PrivateKey)]
    public void Each_value_rule_masks_its_kind_and_counts_it(string text, string expected, string rule)
    {
        var redactor = new ValueRedactor(Maskers.New());

        Assert.Equal(expected, redactor.Text(text));
        Assert.Equal(1, redactor.Counts[rule]);
        Assert.Equal(1, redactor.Counts.Values.Sum());
    }

    [Theory]
    [InlineData("user-2e39c51b@example.invalid")]
    [InlineData("+1-555-339-9909")]
    [InlineData("2026-11-25T03:54:16.9544487+00:00 job 12345678 took 1234.5 ms")]
    [InlineData("image localhost:5000/app@sha256:8fce70404b716b16b6bef94f855e7668ee3ef89865aed6b3cb1ce6a8ccd3a031")]
    [InlineData("listening on http://+:8080")]
    public void Sanitizer_fakes_timestamps_and_image_digests_are_not_masked(string text)
    {
        var redactor = new ValueRedactor(Maskers.New());

        Assert.Equal(text, redactor.Text(text));
        Assert.Equal(0, redactor.Counts.Values.Sum());
    }

    [Fact]
    public void Every_rule_is_listed_in_the_counts_even_at_zero() =>
        Assert.Equal(RedactionRule.All.Order(StringComparer.Ordinal), new ValueRedactor(Maskers.New()).Counts.Where(c => c.Value == 0).Select(c => c.Key).Order(StringComparer.Ordinal));
}
