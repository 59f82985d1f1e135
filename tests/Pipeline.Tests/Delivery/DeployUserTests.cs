using Pipeline.Delivery;

namespace Pipeline.Tests.Delivery;

public sealed class DeployUserTests
{
    static Func<string, string?> Variables(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void On_github_actions_the_user_is_the_actor()
    {
        var user = DeployUser.From(Variables(("GITHUB_ACTIONS", "true"), ("GITHUB_ACTOR", "octocat"), ("USER", "runner")), "fv-az1");
        Assert.Equal(new DeployUser("octocat", "fv-az1"), user);
        Assert.Equal("octocat@fv-az1", user.ToString());
    }

    [Fact]
    public void Elsewhere_the_user_is_USER_then_LOGNAME()
    {
        Assert.Equal("alice", DeployUser.From(Variables(("USER", "alice"), ("LOGNAME", "bob"), ("GITHUB_ACTOR", "octocat")), "h").User);
        Assert.Equal("bob", DeployUser.From(Variables(("LOGNAME", "bob")), "h").User);
        Assert.Equal(Environment.UserName, DeployUser.From(Variables(), "h").User);
    }

    [Fact]
    public void Current_names_this_machine()
    {
        var user = DeployUser.Current();
        Assert.Equal(Environment.MachineName, user.Machine);
        Assert.False(string.IsNullOrWhiteSpace(user.User));
    }
}
