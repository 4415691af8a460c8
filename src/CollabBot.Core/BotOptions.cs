namespace CollabBot.Core;

/// <summary>The <c>Bot</c> settings section.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>Identities with admin rights, e.g. <c>slack:T0001:U0001</c>, <c>discord:80351110224678912</c>.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>How links to the dashboard, feeds and downloads are written.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    public string Link(string path) => PublicUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
