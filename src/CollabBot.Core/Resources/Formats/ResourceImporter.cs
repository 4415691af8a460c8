using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace CollabBot.Core.Resources.Formats;

public enum ImportFormat
{
    BibTeX,
    Csv,
}

/// <param name="Groups">Group slugs every imported resource joins (a resource already there joins them too).</param>
/// <param name="DefaultKind">For entries that do not say (BibTeX entries are papers unless they are books).</param>
public sealed record ImportOptions(IReadOnlyList<string> Groups, int? AddedByPersonId, ResourceKind DefaultKind = ResourceKind.Paper);

/// <param name="Added">The new resources, in file order (their ids are set once saved).</param>
/// <param name="AlreadyThere">Entries recognised as resources already in the library (same address, arXiv id or DOI) or earlier in the file.</param>
/// <param name="JoinedGroups">Resources already there that joined the import's groups.</param>
/// <param name="Problems">Entries that could not be read or were invalid, each by line; the rest was imported.</param>
public sealed record ImportReport(IReadOnlyList<Resource> Added, int AlreadyThere, int JoinedGroups, IReadOnlyList<ImportProblem> Problems)
{
    public bool ChangedAnything => Added.Count > 0 || JoinedGroups > 0;
}

/// <summary>
/// Imports library entries from BibTeX (as INSPIRE and the HEP-ML living review write it) or CSV (a header row with
/// the columns of <see cref="ResourceExport.CsvColumns"/>; lists separated by ';'). Every entry goes through
/// <see cref="ResourceInput"/> and the library's duplicate check, so importing the same file twice changes nothing.
/// The changes are added to the context; the caller saves them, all at once.
/// </summary>
public sealed class ResourceImporter(CollabBotDbContext db)
{
    public const int MaxEntries = 20_000;

    public static bool TryFormatFromFileName(string fileName, out ImportFormat format)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        format = extension is ".csv" or ".tsv" ? ImportFormat.Csv : ImportFormat.BibTeX;
        return extension is ".bib" or ".bibtex" or ".csv" or ".tsv";
    }

    public async Task<ImportReport> ImportAsync(string text, ImportFormat format, ImportOptions options, CancellationToken cancellationToken = default)
    {
        var (drafts, problems) = format == ImportFormat.BibTeX ? ReadBibTeX(text, options) : ReadCsv(text);
        var allProblems = problems.ToList();
        var library = new ResourceLibrary(db);
        var groups = options.Groups.Count == 0 ? [] : await db.Groups.Where(g => options.Groups.Contains(g.Slug)).ToListAsync(cancellationToken);
        if (options.Groups.FirstOrDefault(slug => groups.All(g => g.Slug != slug)) is { } missing)
        {
            return new ImportReport([], 0, 0, [new ImportProblem(0, $"There is no working group '{missing}'; nothing was imported.")]);
        }

        var added = new List<Resource>();
        int already = 0, joined = 0;
        var year = db.Now.Year;
        foreach (var (line, draft) in drafts.Take(MaxEntries))
        {
            if (!ResourceInput.TryValidate(draft, year, out var values, out var error))
            {
                allProblems.Add(new ImportProblem(line, error));
                continue;
            }

            values = values with { Groups = [.. values.Groups.Union(options.Groups)] };
            var outcome = await library.AddAsync(values, options.AddedByPersonId, cancellationToken);
            if (outcome.Added is { } resource)
            {
                added.Add(resource);
            }
            else if (outcome.Existing is { } existing)
            {
                already++;
                var wanted = groups.Concat(db.Groups.Local.Where(g => values.Groups.Contains(g.Slug))).DistinctBy(g => g.Slug).ToList();
                joined += library.AddToGroups(existing, wanted, options.AddedByPersonId) > 0 ? 1 : 0;
            }
            else
            {
                allProblems.Add(new ImportProblem(line, outcome.Error!));
            }
        }

        if (drafts.Count > MaxEntries)
        {
            allProblems.Add(new ImportProblem(drafts[MaxEntries].Line, $"Only the first {MaxEntries:N0} entries of a file are imported; split the file to import the rest."));
        }

        return new ImportReport(added, already, joined, [.. allProblems.OrderBy(p => p.Line)]);
    }

    /// <summary>Entries as drafts: arXiv ids from <c>eprint</c> (with or without <c>archivePrefix</c>) and arXiv addresses, DOIs from <c>doi</c> or doi.org addresses.</summary>
    public static (List<(int Line, ResourceDraft Draft)> Drafts, IReadOnlyList<ImportProblem> Problems) ReadBibTeX(string text, ImportOptions options)
    {
        var (entries, problems) = BibTeXReader.Read(text);
        var drafts = new List<(int, ResourceDraft)>();
        foreach (var e in entries)
        {
            var prefix = e["archiveprefix"] ?? e["eprinttype"];
            var eprint = e["eprint"];
            var arxiv = eprint is not null && (prefix is null || prefix.Equals("arxiv", StringComparison.OrdinalIgnoreCase)) && ResourceKeys.TryArxiv(eprint, out var id) ? id : null;
            var url = e["url"];
            if (url is not null && arxiv is null && ResourceKeys.TryArxiv(url, out var fromUrl))
            {
                arxiv = fromUrl;
            }

            var kind = e["kind"] ?? (e.Type == "book" ? "book" : ResourceTerms.Name(options.DefaultKind));
            drafts.Add((e.Line, new ResourceDraft
            {
                Title = e["title"],
                Url = url ?? (e["howpublished"] is { } how && how.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? how : null),
                Kind = kind,
                Level = e["level"],
                Audience = e["audience"],
                Authors = e.Authors,
                Year = e["year"] ?? (e["date"] is { Length: >= 4 } date ? date[..4] : null),
                ArxivId = arxiv,
                Doi = e["doi"],
                InspireId = e["inspire"],
                Licence = e["licence"] ?? e["license"],
                Description = Shorten(e["abstract"] ?? e["annotation"]),
                Topics = Topics(e["keywords"]),
            }));
        }

        return (drafts, problems);
    }

    /// <summary>Rows as drafts, by header name (case ignored); a formula guard <c>'</c> that our export added is taken off again.</summary>
    public static (List<(int Line, ResourceDraft Draft)> Drafts, IReadOnlyList<ImportProblem> Problems) ReadCsv(string text)
    {
        var drafts = new List<(int, ResourceDraft)>();
        var problems = new List<ImportProblem>();
        try
        {
            using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, Trim = SepTrim.Outer }).FromText(text);
            var columns = reader.Header.ColNames.Select((name, i) => (Name: name.Trim().ToLowerInvariant(), i)).ToDictionary(c => c.Name, c => c.i);
            if (!columns.ContainsKey("title") || (!columns.ContainsKey("url") && !columns.ContainsKey("arxiv") && !columns.ContainsKey("doi")))
            {
                problems.Add(new ImportProblem(1, $"The first row must name the columns, at least title and url (or arxiv or doi); the columns read are {string.Join(", ", ResourceExport.CsvColumns)}."));
                return (drafts, problems);
            }

            foreach (var row in reader)
            {
                var cells = new string[row.ColCount];
                for (var c = 0; c < cells.Length; c++)
                {
                    cells[c] = row[c].ToString();
                }

                string? Get(string name) => columns.TryGetValue(name, out var i) && i < cells.Length ? Unguard(cells[i]) is { Length: > 0 } v ? v : null : null;
                IReadOnlyList<string> List(string name) => Get(name)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
                drafts.Add((row.LineNumberFrom, new ResourceDraft
                {
                    Title = Get("title"),
                    Url = Get("url"),
                    Kind = Get("kind") ?? "paper",
                    Level = Get("level"),
                    Audience = Get("audience"),
                    Topics = List("topics"),
                    Authors = List("authors"),
                    Year = Get("year"),
                    ArxivId = Get("arxiv"),
                    Doi = Get("doi"),
                    InspireId = Get("inspire"),
                    Licence = Get("licence") ?? Get("license"),
                    Description = Get("description"),
                    Groups = List("groups"),
                }));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or FormatException)
        {
            problems.Add(new ImportProblem(drafts.Count + 2, "The file could not be read as CSV past this line: " + ex.Message));
        }

        return (drafts, problems);
    }

    private static string Unguard(string value) =>
        value.Length > 1 && value[0] == '\'' && CollabBot.Core.Formats.SafeCsv.FormulaStarts.Contains(value[1]) ? value[1..] : value;

    /// <summary>Keywords that read as topics (jet-tagging, "Jet tagging"); the rest are left out rather than refusing the entry.</summary>
    private static IReadOnlyList<string> Topics(string? keywords) =>
        keywords is null
            ? []
            : [.. keywords.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(k => ResourceTerms.TryParseTopic(k, out var topic, out _) ? topic : null)
                .OfType<string>()
                .Distinct()
                .Take(ResourceInput.MaxTopics)];

    /// <summary>An abstract cut to the description's length at a word boundary.</summary>
    private static string? Shorten(string? text)
    {
        if (text is null || text.Length <= ResourceInput.MaxDescription)
        {
            return text;
        }

        var cut = text[..(ResourceInput.MaxDescription - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > ResourceInput.MaxDescription / 2 ? cut[..space] : cut) + "…";
    }
}
