namespace CollabBot.Core.Seeding;

public sealed class SeedGroup
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "problem";
    public string? Description { get; set; }
    public string? Tz { get; set; }
    public bool Closed { get; set; }
    public List<string> Conveners { get; set; } = [];
    public List<SeedMember> Members { get; set; } = [];
    public List<SeedChannel> Channels { get; set; } = [];
    public List<SeedMeeting> Meetings { get; set; } = [];
}

public sealed class SeedMember
{
    public string Person { get; set; } = "";
    public List<string> Tags { get; set; } = [];
}

public sealed class SeedChannel
{
    public string Platform { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string Channel { get; set; } = "";
    public string? Name { get; set; }
}
