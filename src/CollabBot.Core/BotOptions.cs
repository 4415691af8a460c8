using System.ComponentModel.DataAnnotations;
using CollabBot.Core.Settings;
using Microsoft.Extensions.Options;

namespace CollabBot.Core;

/// <summary>The <c>Bot</c> settings section.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>Identities with admin rights, e.g. <c>slack:T0001:U0001</c>, <c>discord:80351110224678912</c>.</summary>
    [IdentityList(ErrorMessage = "Bot:Admins lists identities such as console:admin, slack:T0001:U0001 or discord:80351110224678912.")]
    public List<string> Admins { get; set; } = [];

    /// <summary>How links to the dashboard, feeds and downloads are written.</summary>
    [Required(ErrorMessage = "Bot:PublicUrl is required: the address people reach the dashboard at.")]
    [AbsoluteHttpUrl(ErrorMessage = "Bot:PublicUrl must be an absolute http(s) address, e.g. https://collab.example.org.")]
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    public string Link(string path) => PublicUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}

[OptionsValidator]
public sealed partial class BotOptionsValidator : IValidateOptions<BotOptions>;
