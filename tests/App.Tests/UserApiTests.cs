using App.Tests.Support;

namespace App.Tests;

[Collection(SharedServiceCollection.Name)]
public sealed class UserApiTests(SharedService service)
{
    AppProcess App => service.App;

    [Fact]
    public async Task Created_user_can_be_read_back()
    {
        var (status, created, response) = await App.PostAsync("/api/users", new { name = "Ada Lovelace", email = "ada@example.com", phone = "+44 20 7946 0000" });

        Assert.Equal(201, status);
        var id = (long)created!["id"]!;
        Assert.Equal($"/api/users/{id}", response.Headers.Location?.OriginalString);

        var user = await App.GetJsonAsync($"/api/users/{id}");
        Assert.Equal("Ada Lovelace", (string?)user["name"]);
        Assert.Equal("ada@example.com", (string?)user["email"]);
        Assert.Equal("+44 20 7946 0000", (string?)user["phone"]);
        Assert.NotNull(user["createdAt"]);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    public async Task Email_without_at_sign_is_a_400(string email)
    {
        var (status, body, _) = await App.PostAsync("/api/users", new { name = "Bob", email, phone = "1" });

        Assert.Equal(400, status);
        Assert.Contains("@", (string?)body!["error"]);
    }
}
