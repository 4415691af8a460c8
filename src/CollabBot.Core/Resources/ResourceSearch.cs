using System.Data.Common;
using System.Globalization;
using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CollabBot.Core.Resources;

/// <summary>What to look for: words (optional) and filters. Without words, the filtered library in title order.</summary>
public sealed record ResourceQuery
{
    public const int MaxLimit = 100;

    public string? Text { get; init; }
    public ResourceKind? Kind { get; init; }
    public ResourceLevel? Level { get; init; }

    /// <summary>A topic slug.</summary>
    public string? Topic { get; init; }
    public int? GroupId { get; init; }
    public bool IncludeRetired { get; init; }
    public int Limit { get; init; } = 10;
    public int Offset { get; init; }
}

/// <summary>One result: the resource (its groups and link state loaded), its title and an excerpt of its description with the matches marked.</summary>
public sealed record ResourceHit(Resource Resource, Highlighted Title, Highlighted? Excerpt, bool ExactTitle);

/// <summary>A near miss to offer when nothing matched.</summary>
public sealed record TitleSuggestion(int Id, string Title);

/// <summary>
/// When nothing matched: the words respelled after the library's own (offered only when that search finds something),
/// topics and titles close to what was typed.
/// </summary>
public sealed record ResourceSuggestions(string? DidYouMean, IReadOnlyList<string> Topics, IReadOnlyList<TitleSuggestion> Titles)
{
    public bool IsEmpty => DidYouMean is null && Topics.Count == 0 && Titles.Count == 0;
}

/// <param name="Total">How many resources match in all (the hits are one page of them), at most <see cref="ResourceSearch.CountCap"/>.</param>
/// <param name="TotalIsLowerBound">More than <see cref="ResourceSearch.CountCap"/> match: say "more than 1,000".</param>
/// <param name="Suggestions">Only when words were given and nothing matched.</param>
public sealed record ResourceSearchResult(IReadOnlyList<ResourceHit> Hits, int Total, bool TotalIsLowerBound, SearchText Query, ResourceSuggestions? Suggestions);

/// <summary>
/// Ranked full-text search over the library, the same on SQLite (FTS5, bm25) and PostgreSQL (tsvector, ts_rank):
/// an exact title match first, then by relevance, with the title weighing most, then topics and authors, then the
/// description; stemmed and prefix matches (see <see cref="SearchText"/>); filters by kind, level, topic and group;
/// retired resources only when asked. Nothing matched: suggestions, cheaply — topics by edit distance, and titles
/// that share a three-letter start with a typed word, ranked by edit distance in memory.
/// </summary>
public sealed class ResourceSearch(CollabBotDbContext db)
{
    private bool Postgres => db.Database.IsNpgsql();

    public async Task<ResourceSearchResult> SearchAsync(ResourceQuery query, CancellationToken cancellationToken = default)
    {
        // Several commands on one connection; EF closes it afterwards only if it opened it here.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await SearchOpenAsync(query, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<ResourceSearchResult> SearchOpenAsync(ResourceQuery query, CancellationToken cancellationToken)
    {
        var text = SearchText.Parse(query.Text);
        var limit = Math.Clamp(query.Limit, 1, ResourceQuery.MaxLimit);
        var offset = Math.Max(0, query.Offset);

        var (ranked, total, atLeast) = await RankAsync(text, query, limit, offset, cancellationToken);
        var hits = ranked.Count == 0 ? [] : await LoadHitsAsync(text, ranked, cancellationToken);
        ResourceSuggestions? suggestions = null;
        if (total == 0 && text.HasTerms)
        {
            suggestions = await SuggestAsync(text, query, cancellationToken);
        }

        return new ResourceSearchResult(hits, total, atLeast, text, suggestions);
    }

    /// <summary>Counting every match of a common word costs as much as ranking them: beyond this, "more than" is enough.</summary>
    public const int CountCap = 1000;

    private async Task<(List<(int Id, bool Exact)> Ranked, int Total, bool TotalIsLowerBound)> RankAsync(SearchText text, ResourceQuery query, int limit, int offset, CancellationToken cancellationToken, bool unordered = false)
    {
        await using var command = await CommandAsync(cancellationToken);
        var filters = Filters(command, query);
        var ranked = new List<(int, bool)>();
        string rank, count;
        if (!text.HasTerms)
        {
            Parameter(command, "limit", limit);
            Parameter(command, "offset", offset);
            rank = $"""SELECT r."Id" FROM resources r WHERE 1 = 1{filters} ORDER BY r."TitleKey", r."Id" LIMIT @limit OFFSET @offset""";
            count = $"""SELECT count(*) FROM (SELECT 1 FROM resources r WHERE 1 = 1{filters} LIMIT {CountCap + 1}) c""";
        }
        else
        {
            // An exact title is found through its index and put first; the full-text ranking then leaves it out.
            var titleKey = Parameter(command, "key", ResourceKeys.Title(query.Text ?? ""));
            command.CommandText = $"""SELECT r."Id" FROM resources r WHERE r."TitleKey" = {titleKey}{filters} ORDER BY r."Id" LIMIT 10""";
            var exact = new List<int>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    exact.Add(reader.GetInt32(0));
                }
            }

            ranked.AddRange(exact.Skip(offset).Take(limit).Select(id => (id, true)));
            Parameter(command, "limit", limit - ranked.Count);
            Parameter(command, "offset", Math.Max(0, offset - exact.Count));
            var id = Postgres ? "r.\"Id\"" : "+rowid";
            var notExact = exact.Count == 0 ? "" : $" AND {id} NOT IN ({string.Join(", ", exact.Select(e => e.ToString(CultureInfo.InvariantCulture)))})";
            if (Postgres)
            {
                Parameter(command, "q", text.ToTsQuery()!);
                const string match = """r."SearchVector" @@ to_tsquery('english', @q)""";
                rank = $"""
                    SELECT r."Id" FROM resources r
                    WHERE {match}{filters}{notExact}
                    {(unordered ? "" : "ORDER BY ts_rank(r.\"SearchVector\", to_tsquery('english', @q)) DESC, r.\"Id\"")}
                    LIMIT @limit OFFSET @offset
                    """;
                count = $"""SELECT count(*) FROM (SELECT 1 FROM resources r WHERE {match}{filters} LIMIT {CountCap + 1}) c""";
            }
            else
            {
                // The filters become one set of ids that the index's rows are checked against, rather than a join per match.
                Parameter(command, "q", text.ToFts5()!);
                var restrict = SqliteRestriction(filters);

                rank = $"""
                    SELECT rowid FROM resource_search
                    WHERE resource_search MATCH @q{restrict}{notExact}
                    {(unordered ? "" : "ORDER BY bm25(resource_search, 10.0, 1.0, 3.0, 5.0), rowid")}
                    LIMIT @limit OFFSET @offset
                    """;
                count = $"""SELECT count(*) FROM (SELECT 1 FROM resource_search WHERE resource_search MATCH @q{restrict} LIMIT {CountCap + 1}) c""";
            }
        }

        command.CommandText = rank;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ranked.Add((Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), false));
            }
        }

        // A first page shorter than the limit is all there is: no need to count.
        if (offset == 0 && ranked.Count < limit)
        {
            return (ranked, ranked.Count, false);
        }

        command.CommandText = count;
        var total = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return (ranked, Math.Min(total, CountCap), total > CountCap);
    }

    private const string RetiredFilter = """ AND r."RetiredAt" IS NULL""";

    /// <summary>
    /// The filters as one set of ids the index's matches are checked against. <c>+rowid</c>, not <c>rowid</c>: a plain
    /// <c>rowid IN (…)</c> is handed to FTS5, which then evaluates the whole query once per id (13 s instead of 13 ms
    /// for a common word at 100,000 rows).
    /// </summary>
    private static string SqliteRestriction(string filters) => filters switch
    {
        "" => "",
        RetiredFilter => """ AND +rowid NOT IN (SELECT "Id" FROM resources WHERE "RetiredAt" IS NOT NULL)""",
        _ => $""" AND +rowid IN (SELECT r."Id" FROM resources r WHERE 1 = 1{filters})""",
    };

    /// <summary>The filters as SQL after <c>WHERE …</c>; values are parameters.</summary>
    private string Filters(DbCommand command, ResourceQuery query)
    {
        var sql = new StringBuilder();
        if (!query.IncludeRetired)
        {
            sql.Append(RetiredFilter);
        }

        if (query.Kind is { } kind)
        {
            sql.Append($""" AND r."Kind" = {Parameter(command, "kind", kind.ToString())}""");
        }

        if (query.Level is { } level)
        {
            sql.Append($""" AND r."Level" = {Parameter(command, "level", level.ToString())}""");
        }

        if (!string.IsNullOrWhiteSpace(query.Topic))
        {
            // Topics are stored one per line: a whole line matches, so "tagging" does not match "jet-tagging".
            var needle = Parameter(command, "topic", "\n" + query.Topic.Trim().ToLowerInvariant() + "\n");
            sql.Append(Postgres
                ? $""" AND strpos(E'\n' || r."Topics" || E'\n', {needle}) > 0"""
                : $""" AND instr(char(10) || r."Topics" || char(10), {needle}) > 0""");
        }

        if (query.GroupId is { } group)
        {
            sql.Append($""" AND EXISTS (SELECT 1 FROM resource_groups g WHERE g."ResourceId" = r."Id" AND g."GroupId" = {Parameter(command, "group", group)})""");
        }

        return sql.ToString();
    }

    private async Task<IReadOnlyList<ResourceHit>> LoadHitsAsync(SearchText text, List<(int Id, bool Exact)> ranked, CancellationToken cancellationToken)
    {
        var ids = ranked.Select(r => r.Id).ToList();
        var resources = await db.Resources.AsNoTracking()
            .Include(r => r.Groups).ThenInclude(g => g.Group)
            .Include(r => r.Link)
            .Where(r => ids.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var marks = text.HasTerms ? await HighlightAsync(text, ids, cancellationToken) : [];
        return [.. ranked.Where(r => resources.ContainsKey(r.Id)).Select(r =>
        {
            var resource = resources[r.Id];
            Highlighted title, excerpt;
            if (marks.TryGetValue(r.Id, out var m))
            {
                title = Highlighted.Parse(m.Title, resource.Title, whole: true);
                excerpt = Highlighted.Parse(m.Excerpt, resource.Description, whole: false);
            }
            else
            {
                title = Highlighted.None(resource.Title);
                excerpt = Highlighted.None(resource.Description ?? "");
            }

            return new ResourceHit(resource, title, resource.Description is null ? null : excerpt, r.Exact);
        })];
    }

    /// <summary>The title with every match marked, and the best fragment of the description (about 24 words), for one page of hits.</summary>
    private async Task<Dictionary<int, (string Title, string Excerpt)>> HighlightAsync(SearchText text, List<int> ids, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(cancellationToken);
        var list = string.Join(", ", ids.Select((id, i) => Parameter(command, "id" + i.ToString(CultureInfo.InvariantCulture), id)));
        var open = Highlighted.Open.ToString();
        var close = Highlighted.Close.ToString();
        if (Postgres)
        {
            Parameter(command, "q", text.ToTsQuery()!);
            Parameter(command, "all", $"HighlightAll=true, StartSel={open}, StopSel={close}");
            Parameter(command, "frag", $"MaxWords=24, MinWords=12, ShortWord=2, MaxFragments=1, StartSel={open}, StopSel={close}");
            command.CommandText = $"""
                SELECT r."Id", ts_headline('english', r."Title", to_tsquery('english', @q), @all),
                       ts_headline('english', coalesce(r."Description", ''), to_tsquery('english', @q), @frag)
                FROM resources r WHERE r."Id" IN ({list})
                """;
        }
        else
        {
            Parameter(command, "q", text.ToFts5()!);
            command.CommandText = $"""
                SELECT rowid, highlight(resource_search, 0, char(57344), char(57345)),
                       snippet(resource_search, 1, char(57344), char(57345), '…', 24)
                FROM resource_search WHERE resource_search MATCH @q AND +rowid IN ({list})
                """;
        }

        var result = new Dictionary<int, (string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = (reader.IsDBNull(1) ? "" : reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
        }

        return result;
    }

    private async Task<ResourceSuggestions> SuggestAsync(SearchText text, ResourceQuery query, CancellationToken cancellationToken)
    {
        var words = text.AllWords.ToList();
        var topics = await db.Topics.AsNoTracking().Select(t => t.Slug).ToListAsync(cancellationToken);
        var joined = string.Join('-', words);
        var topicSuggestions = new List<string>();
        foreach (var candidate in words.Append(joined).Distinct())
        {
            if (Suggest.Closest(candidate, topics) is { } topic && !topicSuggestions.Contains(topic))
            {
                topicSuggestions.Add(topic);
            }
        }

        // Titles with a word that starts as a typed word starts: a typo is rarely in the first three letters.
        var starts = words.Where(w => w.Length >= 4).Select(w => w[..3]).Distinct().ToList();
        var titles = new List<(int Id, string Title)>();
        if (starts.Count > 0)
        {
            await using var command = await CommandAsync(cancellationToken);
            var filters = Filters(command, query);
            if (Postgres)
            {
                Parameter(command, "q", string.Join(" | ", starts.Select(s => s + ":*A")));
                command.CommandText = $"""SELECT r."Id", r."Title" FROM resources r WHERE r."SearchVector" @@ to_tsquery('simple', @q){filters} LIMIT {SuggestionCandidates}""";
            }
            else
            {
                Parameter(command, "q", "\"Title\" : (" + string.Join(" OR ", starts.Select(s => $"\"{s}\"*")) + ")");
                command.CommandText = $"""SELECT rowid, "Title" FROM resource_search WHERE resource_search MATCH @q{SqliteRestriction(filters)} LIMIT {SuggestionCandidates}""";
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                titles.Add((reader.GetInt32(0), reader.GetString(1)));
            }
        }

        var vocabulary = titles.SelectMany(t => SearchText.Split(t.Title)).Concat(topics.SelectMany(SearchText.Split)).Where(w => w.Length >= 3).Distinct().ToList();
        var respelled = words.Select(w => Closest(w, vocabulary) ?? w).ToList();
        string? didYouMean = null;
        if (!respelled.SequenceEqual(words))
        {
            // Whether the respelling finds anything at all: one match is enough, unranked.
            var again = await RankAsync(SearchText.Parse(string.Join(' ', respelled)), query, 1, 0, cancellationToken, unordered: true);
            didYouMean = again.Ranked.Count > 0 ? string.Join(' ', respelled) : null;
        }

        var bestTitles = titles
            .Select(t => (t.Id, t.Title, Score: words.Sum(w => SearchText.Split(t.Title).Select(x => Suggest.Distance(w, x)).DefaultIfEmpty(w.Length).Min())))
            .Where(t => t.Score <= words.Sum(w => Math.Max(1, w.Length / 3)))
            .OrderBy(t => t.Score).ThenBy(t => t.Title, StringComparer.Ordinal)
            .Take(3)
            .Select(t => new TitleSuggestion(t.Id, t.Title))
            .ToList();
        return new ResourceSuggestions(didYouMean, topicSuggestions, bestTitles);
    }

    /// <summary>How many titles sharing a word start are weighed for suggestions: enough for a library, bounded for a large one.</summary>
    private const int SuggestionCandidates = 500;

    private static string? Closest(string word, IReadOnlyList<string> vocabulary)
    {
        if (vocabulary.Contains(word))
        {
            return null;
        }

        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var candidate in vocabulary)
        {
            var score = Suggest.Distance(word, candidate);
            if (score < bestScore || (score == bestScore && string.CompareOrdinal(candidate, best) < 0))
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return best is not null && bestScore <= Math.Max(1, word.Length / 3) ? best : null;
    }

    private Task<DbCommand> CommandAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return Task.FromResult(command);
    }

    private static string Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }
}
