namespace CollabBot.Slack.Tests.Support;

/// <summary>People of the demo community (seeds/community.yaml) as Slack sees them, and set-ups several tests share.</summary>
public static class Community
{
    /// <summary>Amara Okafor: console:amara and slack:T0DEMO:U0AMARA01; convenes calorimetry.</summary>
    public const string Amara = "U0AMARA01";

    /// <summary>Priya Raman: console:priya and slack:T0DEMO:U0PRIYA01; convenes lartpc.</summary>
    public const string Priya = "U0PRIYA01";

    public const string ReviewGroup = "sim-review";

    public static string Identity(string user) => $"slack:{FakeSlack.TeamId}:{user}";

    /// <summary>
    /// A closed group whose only convener is Amara, so a join request reaches her on Slack (the seeded closed group,
    /// fast-simulation, has conveners with console identities only). Made by the admin through the dispatcher.
    /// </summary>
    public static Task CreateReviewGroupAsync(SlackService slack) =>
        slack.SayAsync(SlackService.Admin, $"/wg create {ReviewGroup} \"Simulation Review\" --closed --convener @{Identity(Amara)}");
}
