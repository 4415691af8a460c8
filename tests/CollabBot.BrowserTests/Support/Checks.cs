namespace CollabBot.BrowserTests.Support;

/// <summary>
/// What every page owes a reader, checked in the browser on the rendered page (computed styles, resolved labels),
/// each script returning a list of problems, empty when the page is fine.
/// </summary>
public static class Checks
{
    /// <summary>
    /// One h1, a lang, a title, alt on every img, a label on every form control, a name on every link and button,
    /// no duplicate ids, no skipped heading levels, and WCAG AA contrast (4.5:1, large text 3:1) for visible text.
    /// </summary>
    public const string Accessibility = """
        () => {
          const problems = [];
          const short = el => el.outerHTML.slice(0, 140);
          const h1 = document.querySelectorAll('h1').length;
          if (h1 !== 1) problems.push(`${h1} h1 elements; a page has exactly one`);
          const lang = document.documentElement.getAttribute('lang');
          if (!lang || !lang.trim()) problems.push('<html> has no lang');
          if (!document.title.trim()) problems.push('<title> is empty');
          for (const img of document.querySelectorAll('img')) {
            if (!img.hasAttribute('alt')) problems.push(`img without alt: ${short(img)}`);
          }

          const labelled = el => {
            const aria = (el.getAttribute('aria-label') || '').trim();
            const by = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
              .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
            const labels = el.labels ? Array.from(el.labels, l => l.textContent).join(' ').trim() : '';
            return aria || by || labels || (el.getAttribute('title') || '').trim();
          };
          for (const el of document.querySelectorAll('input, select, textarea')) {
            const type = (el.getAttribute('type') || '').toLowerCase();
            if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
            if (!labelled(el)) problems.push(`form control without a label: ${short(el)}`);
          }
          for (const b of document.querySelectorAll('button, input[type=submit], input[type=button], input[type=reset]')) {
            if (!((b.textContent || '').trim() || (b.value || '').trim() || labelled(b))) problems.push(`button without a name: ${short(b)}`);
          }
          for (const a of document.querySelectorAll('a[href]')) {
            const name = (a.innerText || '').trim() || (a.getAttribute('aria-label') || '').trim()
              || Array.from(a.querySelectorAll('img[alt]'), i => i.alt).join('').trim();
            if (!name) problems.push(`link without a name: ${short(a)}`);
          }

          const ids = Array.from(document.querySelectorAll('[id]'), e => e.id);
          const duplicates = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
          if (duplicates.length) problems.push(`duplicate ids: ${duplicates.join(', ')}`);

          let last = 0;
          for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
            const level = Number(h.tagName[1]);
            if (last && level > last + 1) problems.push(`heading jumps from h${last} to h${level}: "${h.textContent.trim().slice(0, 60)}"`);
            last = level;
          }

          // Contrast: each element with its own visible text, against the first opaque background behind it.
          const rgba = text => {
            const m = text.match(/rgba?\(([^)]+)\)/);
            if (!m) return null;
            const [r, g, b, a] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
            return [r, g, b, a === undefined ? 1 : a];
          };
          const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3])).concat(1);
          const background = el => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const c = rgba(getComputedStyle(e).backgroundColor);
              if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
            }
            return layers.reduceRight((acc, c) => over(c, acc), [255, 255, 255, 1]);
          };
          const luminance = c => {
            const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const seen = new Set();
          for (const el of document.body.querySelectorAll('*')) {
            const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
            if (!own || !el.getClientRects().length) continue;
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden' || style.display === 'none' || el.closest('.visually-hidden')) continue;
            const bg = background(el);
            const fg = over(rgba(style.color) || [0, 0, 0, 1], bg);
            const [l1, l2] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
            const ratio = (l1 + 0.05) / (l2 + 0.05);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            const needed = large ? 3 : 4.5;
            const key = `${el.tagName}.${el.className}:${style.color}/${bg}`;
            if (ratio < needed && !seen.has(key)) {
              seen.add(key);
              problems.push(`contrast ${ratio.toFixed(2)}:1 < ${needed}:1 for "${el.textContent.trim().slice(0, 40)}" (${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(', ')}))`);
            }
          }
          return problems;
        }
        """;

    /// <summary>At a phone's width nothing makes the page scroll sideways (a wide table, a long unbroken word).</summary>
    public const string Phone = """
        () => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width + 1) return [];
          // Inside a box that scrolls by itself (a code listing), being wide is fine: only the page must not scroll.
          const scrolls = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) { if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
          const wide = Array.from(document.body.querySelectorAll('*'))
            .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.visually-hidden') && !scrolls(e))
            .slice(0, 5)
            .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`);
          return [`page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen: ${wide.join('; ')}`];
        }
        """;
}
