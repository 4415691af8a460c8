namespace CollabBot.Web;

/// <summary>The dashboard's one small stylesheet: readable on a phone, good contrast, no framework.</summary>
public static class SiteCss
{
    public const string Text = """
        :root { --ink:#1b1f24; --muted:#4a5561; --bg:#fbfbfc; --card:#ffffff; --line:#d9dee4; --accent:#1d4f91; --accent-bg:#e8f0fb; --err:#9b1c1c; }
        * { box-sizing: border-box; }
        body { margin:0; font:16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
        header.site { display:flex; flex-wrap:wrap; gap:1rem; align-items:baseline; padding:.8rem 1.2rem; background:var(--accent); }
        header.site a { color:#fff; text-decoration:none; }
        header.site .brand { font-weight:700; font-size:1.15rem; }
        header.site nav a { margin-right:1rem; opacity:.92; }
        header.site nav a:hover, header.site nav a:focus { text-decoration:underline; opacity:1; }
        main { max-width:60rem; margin:0 auto; padding:1.2rem; overflow-wrap:break-word; }
        main a, main code { overflow-wrap:anywhere; }
        footer.site { max-width:60rem; margin:2rem auto; padding:0 1.2rem; color:var(--muted); font-size:.9rem; }
        h1 { font-size:1.8rem; margin:.4rem 0 .6rem; }
        h2 { font-size:1.3rem; margin-top:1.8rem; border-bottom:1px solid var(--line); padding-bottom:.2rem; }
        a { color:var(--accent); }
        .lead { font-size:1.05rem; color:var(--muted); }
        .meta { color:var(--muted); font-size:.92rem; }
        .crumbs { font-size:.92rem; color:var(--muted); margin-top:.4rem; }
        .howto { background:var(--accent-bg); border-radius:.5rem; padding:.2rem 1rem .6rem; margin:1.2rem 0; }
        .howto h2 { border:0; margin-top:.6rem; font-size:1.1rem; }
        .howto ul { padding-left:1.2rem; margin:.3rem 0; }
        .howto code { background:var(--card); }
        .card .more { font-size:.92rem; }
        .back { margin-top:2rem; }
        ul.cards { list-style:none; padding:0; display:grid; grid-template-columns:repeat(auto-fill, minmax(17rem, 1fr)); gap:1rem; }
        .card { background:var(--card); border:1px solid var(--line); border-radius:.5rem; padding:.9rem 1rem; }
        .card h3 { margin:0 0 .2rem; font-size:1.1rem; }
        .card p { margin:.3rem 0; }
        table { border-collapse:collapse; width:100%; background:var(--card); }
        th, td { text-align:left; padding:.45rem .6rem; border-bottom:1px solid var(--line); vertical-align:top; }
        th { background:var(--accent-bg); }
        code { background:var(--accent-bg); padding:.05rem .3rem; border-radius:.25rem; font-size:.92em; }
        .orcid { font-size:.8rem; margin-left:.3rem; }
        form.console { display:grid; grid-template-columns:max-content 1fr; gap:.5rem .8rem; align-items:center; background:var(--card); border:1px solid var(--line); border-radius:.5rem; padding:1rem; }
        form.console input { font:inherit; padding:.4rem .5rem; border:1px solid #8a96a3; border-radius:.3rem; width:100%; }
        form.console button { grid-column:2; justify-self:start; font:inherit; padding:.45rem 1.2rem; background:var(--accent); color:#fff; border:0; border-radius:.3rem; cursor:pointer; }
        .reply { background:var(--card); border:1px solid var(--line); border-left:4px solid var(--accent); border-radius:.4rem; padding:.6rem 1rem; margin:1rem 0; }
        .reply.error { border-left-color:var(--err); }
        .reply h2 { margin:.2rem 0 .4rem; font-size:1.05rem; border:0; padding:0; }
        .reply h3 { margin:.5rem 0 .2rem; font-size:1rem; }
        .reply p { margin:.25rem 0; }
        .reply dl { display:grid; grid-template-columns:max-content 1fr; gap:.2rem .8rem; margin:.3rem 0; }
        .reply dt { font-weight:600; }
        .reply dd { margin:0; }
        ol.meetings { list-style:none; padding:0; }
        .meeting, .series { background:var(--card); border:1px solid var(--line); border-radius:.5rem; padding:.7rem 1rem; margin:.7rem 0; overflow-wrap:anywhere; }
        .meeting h3, .series h3 { margin:0 0 .2rem; font-size:1.1rem; }
        .meeting p, .series p { margin:.25rem 0; }
        .meetings.compact .meeting { padding:.45rem .9rem; margin:.5rem 0; }
        .when { font-weight:600; }
        .also { color:var(--muted); font-weight:normal; }
        .mark { display:inline-block; padding:0 .4rem; border-radius:.25rem; font-size:.88rem; }
        .mark.cancelled { background:#fde8e8; color:var(--err); }
        .mark.moved { background:#fff4d6; color:#5c3f00; }
        .cancelled > .when time { text-decoration:line-through; }
        ol.agenda { margin:.3rem 0 .2rem; padding-left:1.4rem; }
        ul.occurrences { list-style:none; padding:0; margin:.3rem 0; }
        ul.occurrences > li { border-top:1px solid var(--line); padding:.35rem 0; }
        form.filters { display:flex; flex-wrap:wrap; gap:.5rem 1rem; align-items:flex-end; background:var(--card); border:1px solid var(--line); border-radius:.5rem; padding:.7rem 1rem; }
        form.filters p { margin:0; max-width:100%; }
        form.filters label { display:block; font-weight:600; font-size:.92rem; }
        form.filters select, form.filters input { font:inherit; padding:.35rem .45rem; border:1px solid #8a96a3; border-radius:.3rem; max-width:100%; }
        form.filters button { font:inherit; padding:.4rem 1.1rem; background:var(--accent); color:#fff; border:0; border-radius:.3rem; cursor:pointer; }
        .problem { background:#fde8e8; color:var(--err); border-left:4px solid var(--err); padding:.5rem .8rem; border-radius:.3rem; }
        .subscribe { margin:.4rem 0 .8rem; }
        pre.citation { background:var(--card); border:1px solid var(--line); border-radius:.4rem; padding:.6rem .8rem; overflow-x:auto; white-space:pre; }
        pre.citation code { background:none; padding:0; }
        .note { border-left:4px solid var(--line); padding-left:.6rem; color:var(--muted); }
        dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.2rem .8rem; }
        dl.facts dt { font-weight:600; }
        dl.facts dd { margin:0; }
        .visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
        @media (max-width: 36rem) { table { display:block; overflow-x:auto; } form.console { grid-template-columns:1fr; } form.console button { grid-column:1; } th:nth-child(4), td:nth-child(4) { display:none; } }
        """;

    /// <summary>The site's icon: a "C" in the header's colours.</summary>
    public const string Icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4f91"/><text x="16" y="23" font-family="system-ui, sans-serif" font-size="20" font-weight="700" fill="#fff" text-anchor="middle">C</text></svg>
        """;
}
