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

    /// <summary>
    /// How many of a tier's newest matches are scored for relevance. Scoring is the cost of a search (FTS5's bm25 and
    /// PostgreSQL's ts_rank read each row's positions and lengths, about 1 µs a row), and a common word matches a third
    /// of a large library; past this many, a tier continues newest first, unscored.
    /// </summary>
    public const int RankWindow = 1000;

    private async Task<(List<(int Id, bool Exact)> Ranked, int Total, bool TotalIsLowerBound)> RankAsync(SearchText text, ResourceQuery query, int limit, int offset, CancellationToken cancellationToken, bool unordered = false)
    {
        await using var command = await CommandAsync(cancellationToken);
        var (filters, sqliteFilters) = Filters(command, query);
        var ranked = new List<(int, bool)>();
        string count;
        if (!text.HasTerms)
        {
            Parameter(command, "limit", limit);
            Parameter(command, "offset", offset);
            command.CommandText = $"""SELECT r."Id" FROM resources r WHERE 1 = 1{filters} ORDER BY r."TitleKey", r."Id" LIMIT @limit OFFSET @offset""";
            await ReadIdsAsync(command, ranked, exact: false, cancellationToken);
            count = $"""SELECT count(*) FROM (SELECT 1 FROM resources r WHERE 1 = 1{filters} LIMIT {CountCap + 1}) c""";
        }
        else
        {
            var all = Postgres ? TsMatch(command, "q", text.ToTsQuery()!) : FtsMatch(command, "q", text.ToFts5()! + TopicNarrowing(query));
            count = Postgres
                ? $"""SELECT count(*) FROM (SELECT 1 FROM resources r WHERE {all}{filters} LIMIT {CountCap + 1}) c"""
                : $"""SELECT count(*) FROM (SELECT 1 FROM resource_search WHERE {all}{sqliteFilters} LIMIT {CountCap + 1}) c""";
            if (unordered)
            {
                command.CommandText = Postgres
                    ? $"""SELECT r."Id" FROM resources r WHERE {all}{filters} LIMIT 1"""
                    : $"""SELECT rowid FROM resource_search WHERE {all}{sqliteFilters} LIMIT 1""";
                await ReadIdsAsync(command, ranked, exact: false, cancellationToken);
                return (ranked, ranked.Count, false);
            }

            // An exact title is found through its index and put first; the tiers below then leave it out.
            var titleKey = Parameter(command, "key", ResourceKeys.Title(query.Text ?? ""));
            command.CommandText = $"""SELECT r."Id" FROM resources r WHERE r."TitleKey" = {titleKey}{filters} ORDER BY r."Id" LIMIT 10""";
            var exact = new List<(int, bool)>();
            await ReadIdsAsync(command, exact, exact: true, cancellationToken);
            ranked.AddRange(exact.Skip(offset).Take(limit));
            var notExact = exact.Count == 0 ? "" : $" AND {(Postgres ? "r.\"Id\"" : "+rowid")} NOT IN ({string.Join(", ", exact.Select(e => e.Item1.ToString(CultureInfo.InvariantCulture)))})";

            // Then resources with every word in the title, then the rest: a title match outranks any other match, as
            // the weights say, and a common word's title matches alone usually fill the page, so the rest is not read.
            string[] tiers = Postgres
                ? [$"{all} AND {TitleMatch(command, text)}{filters}", $"{all} AND NOT {TitleMatch(command, text)}{filters}"]
                : [$"{FtsMatch(command, "qt", text.ToFts5(titleOnly: true)! + TopicNarrowing(query))}{sqliteFilters}", $"{FtsMatch(command, "qr", $"({text.ToFts5()}{TopicNarrowing(query)}) NOT ({TitleColumn}({text.ToFts5Positive()}))")}{sqliteFilters}"];
            var skip = Math.Max(0, offset - exact.Count);
            foreach (var tier in tiers)
            {
                if (ranked.Count >= limit)
                {
                    break;
                }

                var (page, size) = await TierPageAsync(command, tier + notExact, skip, limit - ranked.Count, cancellationToken);
                ranked.AddRange(page.Select(id => (id, false)));
                skip = page.Count > 0 ? 0 : Math.Max(0, skip - size);
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

    private const string TitleColumn = "\"Title\" : ";

    /// <summary>
    /// One page of a tier (<paramref name="where"/>: its match and filters): its <see cref="RankWindow"/> newest matches
    /// by relevance, then any older ones newest first. Also the tier's size when the page falls past its end (else 0),
    /// so the next tier knows where to start.
    /// </summary>
    private async Task<(List<int> Page, int Size)> TierPageAsync(DbCommand command, string where, int skip, int take, CancellationToken cancellationToken)
    {
        // The newest matches come straight off the index in id order; only they are scored, outside the scan.
        command.CommandText = Postgres
            ? $"""
                SELECT w."Id" FROM (SELECT r."Id", r."SearchVector" FROM resources r WHERE {where} ORDER BY r."Id" DESC LIMIT {RankWindow}) w
                ORDER BY ts_rank(w."SearchVector", to_tsquery('english', @q)) DESC, w."Id" DESC
                """
            : $"""
                SELECT id FROM (SELECT rowid AS id, bm25(resource_search, 10.0, 1.0, 3.0, 5.0) AS score FROM resource_search WHERE {where} ORDER BY rowid DESC LIMIT {RankWindow})
                ORDER BY score, id DESC
                """;
        var window = new List<(int Id, bool)>();
        await ReadIdsAsync(command, window, exact: false, cancellationToken);
        var page = window.Skip(skip).Take(take).Select(w => w.Id).ToList();
        if (window.Count < RankWindow)
        {
            return (page, page.Count == 0 ? window.Count : 0);
        }

        if (page.Count < take)
        {
            var older = new List<(int Id, bool)>();
            command.CommandText = Postgres
                ? $"""SELECT r."Id" FROM resources r WHERE {where} ORDER BY r."Id" DESC LIMIT {take - page.Count} OFFSET {RankWindow + Math.Max(0, skip - RankWindow)}"""
                : $"""SELECT rowid FROM resource_search WHERE {where} ORDER BY rowid DESC LIMIT {take - page.Count} OFFSET {RankWindow + Math.Max(0, skip - RankWindow)}""";
            await ReadIdsAsync(command, older, exact: false, cancellationToken);
            page.AddRange(older.Select(o => o.Id));
        }

        if (page.Count > 0)
        {
            return (page, 0);
        }

        command.CommandText = Postgres
            ? $"""SELECT count(*) FROM resources r WHERE {where}"""
            : $"""SELECT count(*) FROM resource_search WHERE {where}""";
        return (page, Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture));
    }

    private static async Task ReadIdsAsync(DbCommand command, List<(int, bool)> into, bool exact, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            into.Add((Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), exact));
        }
    }

    /// <summary>A full-text condition on SQLite with its text as a parameter (set again if already there).</summary>
    private static string FtsMatch(DbCommand command, string name, string fts5)
    {
        SetParameter(command, name, fts5);
        return $"resource_search MATCH @{name}";
    }

    /// <summary>A full-text condition on PostgreSQL; a null text reuses the parameter already set.</summary>
    private static string TsMatch(DbCommand command, string name, string? tsquery)
    {
        if (tsquery is not null)
        {
            SetParameter(command, name, tsquery);
        }

        return $"""r."SearchVector" @@ to_tsquery('english', @{name})""";
    }

    /// <summary>Every word and phrase in the title, on PostgreSQL: through the title's own vector and index, which the planner can estimate (a weight in a query it cannot).</summary>
    private static string TitleMatch(DbCommand command, SearchText text)
    {
        SetParameter(command, "qt", text.ToTsQuery(positiveOnly: true)!);
        return $"""r."{ResourceSearchSchema.PostgresTitleColumn}" @@ to_tsquery('english', @qt)""";
    }

    /// <summary>
    /// A topic filter narrowed inside the index first (the topic's words as a phrase in the Topics column) on SQLite,
    /// so that only those matches are checked against the exact topic line, not every resource.
    /// </summary>
    private static string TopicNarrowing(ResourceQuery query)
    {
        if (string.IsNullOrWhiteSpace(query.Topic))
        {
            return "";
        }

        var words = SearchText.Split(query.Topic).ToList();
        return words.Count == 0 ? "" : $" AND \"Topics\" : \"{string.Join(' ', words)}\"";
    }

    private const string RetiredFilter = """ AND r."RetiredAt" IS NULL""";

    /// <summary>
    /// The filters on SQLite, for a full-text query: retired, kind, level and group as one set of ids the matches are
    /// checked against (one pass over the table's narrow columns, cheaper than a row lookup per match when a common
    /// word matches tens of thousands), and a topic checked per match by its row, after the index has narrowed the
    /// matches to that topic's words (a topic's text is the costly part of a scan). <c>+rowid</c>, not <c>rowid</c>:
    /// a plain <c>rowid IN (…)</c> is handed to FTS5, which then evaluates the whole query once per id (13 s instead of
    /// 13 ms for a common word at 100,000 rows).
    /// </summary>
    private static string SqliteRestriction(string set, string group, string topic)
    {
        var restriction = set switch
        {
            "" => "",
            RetiredFilter => """ AND +rowid NOT IN (SELECT "Id" FROM resources WHERE "RetiredAt" IS NOT NULL)""",
            _ => $""" AND +rowid IN (SELECT r."Id" FROM resources r WHERE 1 = 1{set})""",
        };
        // A group's ids come from its index alone, without reading the resources' rows.
        restriction += group.Length == 0 ? "" : $""" AND +rowid IN (SELECT g."ResourceId" FROM resource_groups g WHERE g."GroupId" = {group})""";
        return topic.Length == 0 ? restriction : restriction + $""" AND EXISTS (SELECT 1 FROM resources r WHERE r."Id" = resource_search.rowid{topic})""";
    }

    /// <summary>The filters as SQL after <c>WHERE …</c> (values are parameters), and as a restriction of FTS5's matches on SQLite.</summary>
    private (string All, string Sqlite) Filters(DbCommand command, ResourceQuery query)
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

        var group = query.GroupId is { } id ? Parameter(command, "group", id) : "";

        var topic = "";
        if (!string.IsNullOrWhiteSpace(query.Topic))
        {
            // Topics are stored one per line: a whole line matches, so "tagging" does not match "jet-tagging".
            var needle = Parameter(command, "topic", "\n" + query.Topic.Trim().ToLowerInvariant() + "\n");
            topic = Postgres
                ? $""" AND strpos(E'\n' || r."Topics" || E'\n', {needle}) > 0"""
                : $""" AND instr(char(10) || r."Topics" || char(10), {needle}) > 0""";
        }

        var set = sql.ToString();

        // The group's resources through its index, once, rather than a lookup per resource.
        var inGroup = group.Length == 0 ? "" : $""" AND r."Id" IN (SELECT g."ResourceId" FROM resource_groups g WHERE g."GroupId" = {group})""";
        return (set + inGroup + topic, Postgres ? "" : SqliteRestriction(set, group, topic));
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
            var (filters, sqliteFilters) = Filters(command, query);
            if (Postgres)
            {
                Parameter(command, "q", string.Join(" | ", starts.Select(s => s + ":*A")));
                command.CommandText = $"""SELECT r."Id", r."Title" FROM resources r WHERE r."SearchVector" @@ to_tsquery('simple', @q){filters} LIMIT {SuggestionCandidates}""";
            }
            else
            {
                Parameter(command, "q", "\"Title\" : (" + string.Join(" OR ", starts.Select(s => $"\"{s}\"*")) + ")");
                command.CommandText = $"""SELECT rowid, "Title" FROM resource_search WHERE resource_search MATCH @q{sqliteFilters} LIMIT {SuggestionCandidates}""";
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

    private static void SetParameter(DbCommand command, string name, object value)
    {
        if (command.Parameters.Contains("@" + name))
        {
            command.Parameters["@" + name].Value = value;
            return;
        }

        Parameter(command, name, value);
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
