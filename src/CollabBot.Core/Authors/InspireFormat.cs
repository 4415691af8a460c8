using System.Globalization;
using System.Text;
using System.Xml;

namespace CollabBot.Core.Authors;

/// <summary>
/// The author list XML that INSPIRE and arXiv take for large collaborations (<c>collaborationauthorlist</c>,
/// author.dtd of 2010): organisations with ids, people with name parts, organisation references and ORCIDs.
/// Written with <see cref="XmlWriter"/>, so it is well-formed and every text escaped.
/// </summary>
public static class InspireFormat
{
    public const string FoafNamespace = "http://xmlns.com/foaf/0.1/";
    public const string CalNamespace = "http://inspirehep.net/info/HepNames/tools/authors_xml/";
    private const string CollaborationId = "c1";

    public static string AuthorsXml(AuthorList list)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
        };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("collaborationauthorlist");
            xml.WriteAttributeString("xmlns", "foaf", null, FoafNamespace);
            xml.WriteAttributeString("xmlns", "cal", null, CalNamespace);

            Cal(xml, "creationDate", list.GeneratedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Cal(xml, "publicationReference", list.Project.Url ?? list.Project.Slug);

            xml.WriteStartElement("cal", "collaborations", CalNamespace);
            xml.WriteStartElement("cal", "collaboration", CalNamespace);
            xml.WriteAttributeString("id", CollaborationId);
            Foaf(xml, "name", list.Project.GroupName);
            xml.WriteEndElement();
            xml.WriteEndElement();

            xml.WriteStartElement("cal", "organizations", CalNamespace);
            for (var i = 0; i < list.Affiliations.Count; i++)
            {
                xml.WriteStartElement("foaf", "Organization", FoafNamespace);
                xml.WriteAttributeString("id", OrganizationId(i + 1));
                Foaf(xml, "name", list.Affiliations[i]);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();

            xml.WriteStartElement("cal", "authors", CalNamespace);
            foreach (var author in list.Authors)
            {
                WritePerson(xml, author);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string OrganizationId(int number) => "o" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Children in the order author.dtd requires for foaf:Person.</summary>
    private static void WritePerson(XmlWriter xml, Author author)
    {
        xml.WriteStartElement("foaf", "Person", FoafNamespace);
        Foaf(xml, "name", author.FullName);
        if (author.Given is not null)
        {
            Foaf(xml, "givenName", author.Given);
        }

        Foaf(xml, "familyName", author.FamilyWithParticle);
        if (author.Suffix is not null)
        {
            Cal(xml, "authorSuffix", author.Suffix);
        }

        Cal(xml, "authorNamePaper", author.InitialsName);
        if (author.GivenInitials is { } initials)
        {
            Cal(xml, "authorNamePaperGiven", initials);
        }

        Cal(xml, "authorNamePaperFamily", author.FamilyWithParticle);
        xml.WriteStartElement("cal", "authorCollaboration", CalNamespace);
        xml.WriteAttributeString("collaborationid", CollaborationId);
        xml.WriteEndElement();
        if (author.Affiliations.Count > 0)
        {
            xml.WriteStartElement("cal", "authorAffiliations", CalNamespace);
            foreach (var number in author.Affiliations)
            {
                xml.WriteStartElement("cal", "authorAffiliation", CalNamespace);
                xml.WriteAttributeString("organizationid", OrganizationId(number));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        if (author.Orcid is not null)
        {
            xml.WriteStartElement("cal", "authorids", CalNamespace);
            xml.WriteStartElement("cal", "authorid", CalNamespace);
            xml.WriteAttributeString("source", "ORCID");
            xml.WriteString(author.Orcid);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Cal(XmlWriter xml, string name, string value) => xml.WriteElementString("cal", name, CalNamespace, value);

    private static void Foaf(XmlWriter xml, string name, string value) => xml.WriteElementString("foaf", name, FoafNamespace, value);
}
