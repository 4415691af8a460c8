using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CollabBot.Core.Domain;

namespace CollabBot.Core.Authors;

/// <summary>
/// <c>.zenodo.json</c> deposit metadata and CollabBot's own author-list JSON (its keys are documented in the
/// README under "Author list JSON"). Written with <see cref="Utf8JsonWriter"/>: valid JSON, names kept readable.
/// </summary>
public static class JsonFormats
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // Keeps non-ASCII names as they are; quotes, backslashes and control characters are still escaped.
        // (Not for embedding in HTML, which this file never is.)
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public const string SchemaId = "collabbot.authors/1";

    /// <summary>
    /// Zenodo's deposit metadata: creators ("Family, Given", affiliation, bare ORCID; the group when nobody is
    /// confirmed yet, as Zenodo needs at least one), title, upload type, a description (which the deposit API
    /// requires) and, where known, version, licence and DOI.
    /// </summary>
    public static string Zenodo(AuthorList list) => Write(json =>
    {
        var project = list.Project;
        json.WriteStartObject();
        json.WriteString("title", project.Title);
        var (uploadType, publicationType) = project.Kind switch
        {
            ProjectKind.Dataset => ("dataset", null),
            ProjectKind.Software => ("software", null),
            ProjectKind.Note => ("publication", "technicalnote"),
            _ => ("publication", "article"),
        };
        json.WriteString("upload_type", uploadType);
        if (publicationType is not null)
        {
            json.WriteString("publication_type", publicationType);
        }

        json.WriteString("description", ZenodoDescription(project));
        json.WriteStartArray("creators");
        if (list.IsEmpty)
        {
            json.WriteStartObject();
            json.WriteString("name", project.GroupName);
            json.WriteEndObject();
        }

        foreach (var author in list.Authors)
        {
            json.WriteStartObject();
            json.WriteString("name", ZenodoName(author));
            if (author.Affiliations.Count > 0)
            {
                json.WriteString("affiliation", string.Join("; ", AuthorFormats.AffiliationTexts(list, author)));
            }

            if (author.Orcid is not null)
            {
                json.WriteString("orcid", author.Orcid);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (project.Version is { } version)
        {
            json.WriteString("version", version);
        }

        if (project.License is { } license)
        {
            json.WriteString("license", license);
        }

        if (project.Doi is { } doi)
        {
            json.WriteString("doi", doi);
        }

        if (project.DateReleased is { } released)
        {
            json.WriteString("publication_date", released.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
    });

    /// <summary>
    /// What the project is, from its kind, group and title, as the HTML Zenodo's description field holds (so the
    /// text is HTML-encoded), with a link to the project's page where there is one.
    /// </summary>
    public static string ZenodoDescription(ProjectInfo project)
    {
        var kind = project.Kind switch
        {
            ProjectKind.Dataset => "A dataset",
            ProjectKind.Software => "A software release",
            ProjectKind.Note => "A technical note",
            _ => "A paper",
        };
        var version = project.Version is { } v ? $", version {v}" : "";
        var html = $"<p>{WebUtility.HtmlEncode($"{kind} of the {project.GroupName} working group ({project.GroupSlug}): {project.Title}{version}")}</p>";
        if (project.Url is { } url)
        {
            var link = WebUtility.HtmlEncode(url);
            html += $"<p>Authors and their contributions: <a href=\"{link}\">{link}</a></p>";
        }

        return html;
    }

    /// <summary>"van der Berg, Jonas"; "Wright, Frank Edwin, III"; a mononym alone.</summary>
    public static string ZenodoName(Author author)
    {
        var name = author.Given is null ? author.FamilyWithParticle : $"{author.FamilyWithParticle}, {author.Given}";
        return author.Suffix is null ? name : $"{name}, {author.Suffix}";
    }

    /// <summary>The whole list: project, options, affiliations, and each author with name parts, ORCID, affiliation numbers and contributions.</summary>
    public static string Json(AuthorList list) => Write(json =>
    {
        var project = list.Project;
        json.WriteStartObject();
        json.WriteString("schema", SchemaId);
        json.WriteStartObject("project");
        json.WriteString("slug", project.Slug);
        json.WriteString("title", project.Title);
        json.WriteString("kind", project.Kind.ToString().ToLowerInvariant());
        json.WriteString("group", project.GroupSlug);
        json.WriteString("groupName", project.GroupName);
        WriteNullable(json, "url", project.Url);
        json.WriteEndObject();
        json.WriteString("order", list.Options.Order.ToString().ToLowerInvariant());
        WriteNullable(json, "minDegree", list.Options.MinDegree is { } min ? AuthorFormats.DegreeName(min) : null);
        json.WriteString("generatedOn", list.GeneratedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        json.WriteStartArray("affiliations");
        for (var i = 0; i < list.Affiliations.Count; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("number", i + 1);
            json.WriteString("name", list.Affiliations[i]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("authors");
        foreach (var author in list.Authors)
        {
            json.WriteStartObject();
            json.WriteNumber("position", author.Position);
            json.WriteString("name", author.FullName);
            WriteNullable(json, "given", author.Given);
            WriteNullable(json, "particle", author.Particle);
            json.WriteString("family", author.Family);
            WriteNullable(json, "suffix", author.Suffix);
            WriteNullable(json, "orcid", author.Orcid);
            json.WriteStartArray("affiliations");
            foreach (var number in author.Affiliations)
            {
                json.WriteNumberValue(number);
            }

            json.WriteEndArray();
            json.WriteStartArray("contributions");
            foreach (var role in author.Roles)
            {
                json.WriteStartObject();
                json.WriteString("role", CreditTaxonomy.Key(role.Role));
                json.WriteString("roleName", CreditTaxonomy.Name(role.Role));
                json.WriteString("degree", AuthorFormats.DegreeName(role.Degree));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
