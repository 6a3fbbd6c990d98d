"""A self-contained HTML review page: every line's verdict, correctable, exportable for training.

>>> import sidebarspam, sidebarspam.review
>>> clf = sidebarspam.Classifier()
>>> html = sidebarspam.review.render([clf.score(text)], ids=["article.txt"])
>>> html = clf.score(text).to_html(id="article.txt")        # the same, for one document

The page has no external resource and no framework: one ``<style>``, one small plain script
and the pages as JSON in a ``<script type="application/json">`` block (``<``, ``>``, ``&``,
U+2028 and U+2029 escaped). Page text is only ever set with ``textContent``, and a
Content-Security-Policy allows nothing but the page's own script and style (by hash), so a
line containing markup shows as text and runs nothing.

The moderator clicks a line (or presses Space / 1 2 3) to change its label and "Export
corrections" downloads JSONL in the training format of ``../shared/data/ko``: one object per
corrected page (or every page, with the toggle) with ``id``, ``source: "review"``, ``lines``
(``text`` and ``label`` of each non-blank line: the moderator's label where changed, the
model's elsewhere) and ``corrected`` (indices into ``lines`` of the changed ones), plus
``site`` / ``url`` when the input named them. ``sidebarspam train`` reads it through the
config's ``extra_line_data`` (see :func:`sidebarspam.training.training_documents`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:
    from . import Document

__all__ = ["page_data", "render", "render_pages", "LABEL_CODES"]

#: Label of each code in the page JSON (the order a click cycles through).
LABEL_CODES: tuple[str, ...] = ("body", "boilerplate", "sidebar")
_CODE = {label: i for i, label in enumerate(LABEL_CODES)}


def page_data(
    doc: Document,
    id: str,
    *,
    site: str | None = None,
    url: str | None = None,
    reason_table: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The compact JSON of one page in the report (what :func:`render_pages` takes).

    Lines are ``[text, label code, [p(body), p(boilerplate), p(sidebar)] in percent,
    clickbait (3 decimals) or null, [reason indices], 1 if the line is clickbait (at or above its
    model's decision threshold) else 0]``; reason strings are interned in
    ``reason_table`` (string -> index), shared by all pages of a report."""
    table = reason_table if reason_table is not None else {}
    lines: list[list[Any]] = []
    counts = [0, 0, 0]
    for line in doc.lines:
        code = _CODE.get(line.label, 0)
        if line.text.strip():
            counts[code] += 1
        p = line.probabilities
        reasons = [table.setdefault(r, len(table)) for r in line.reasons]
        clickbait = None if line.clickbait is None else round(float(line.clickbait), 3)
        lines.append([line.text, code, [round(100 * float(p.get(k, 0.0))) for k in LABEL_CODES], clickbait, reasons,
                      int(line.is_clickbait)])
    tb = doc.trailing_block
    page: dict[str, Any] = {
        "id": str(id),
        "score": round(float(doc.spam_score), 4),
        "counts": counts,
        "trailing": None if tb is None else [tb.first_line, tb.last_line, tb.end - tb.start],
        "blocks": [[_CODE.get(b.kind, 1), b.first_line, b.last_line, b.end - b.start] for b in doc.blocks],
        "lines": lines,
    }
    if site:
        page["site"] = site
    if url:
        page["url"] = url
    return page


def _script_json(value: Any) -> str:
    """JSON that is inert inside a <script> element: no '<', '>' or '&' (so no '</script>' or
    '<!--'), and no U+2028/U+2029 (line terminators in older JavaScript)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def render_pages(pages: Sequence[dict[str, Any]], reasons: Sequence[str], *, title: str = "sidebarspam review") -> str:
    """The HTML report of pages built with :func:`page_data` (``reasons``: the interned reason
    strings, in index order)."""
    data = {"title": title, "reasons": list(reasons), "labels": list(LABEL_CODES), "pages": list(pages)}
    payload = _script_json(data)
    report_id = hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body data-report=\"{report_id}\">\n{_BODY}\n"
        f"<script type=\"application/json\" id=\"review-data\">{payload}</script>\n"
        f"<script>{_JS}</script>\n</body>\n</html>\n"
    )


def render(
    docs: Iterable[Document],
    ids: Sequence[str] | None = None,
    *,
    sites: Sequence[str | None] | None = None,
    urls: Sequence[str | None] | None = None,
    title: str = "sidebarspam review",
) -> str:
    """One self-contained HTML review page for scored documents (``ids``: one per document,
    default ``page-1``, ``page-2``…; ``sites``/``urls`` are carried into exported corrections)."""
    table: dict[str, int] = {}
    pages = []
    for i, doc in enumerate(docs):
        pages.append(page_data(
            doc,
            ids[i] if ids is not None else f"page-{i + 1}",
            site=sites[i] if sites is not None else None,
            url=urls[i] if urls is not None else None,
            reason_table=table,
        ))
    return render_pages(pages, sorted(table, key=table.__getitem__), title=title)


_BODY = """<header>
<h1 id="title"></h1>
<div class="legend"><span class="chip lab-body">body</span><span class="chip lab-boilerplate">boilerplate</span><span class="chip lab-sidebar">sidebar</span>
<span class="help">Click a line, or focus it and press Space, to cycle its label (1 body, 2 boilerplate, 3 sidebar; j/k next/previous line). Hover a line for its probabilities and reasons.</span></div>
<div class="controls">
<label>Show <select id="f-label"><option value="">all pages</option><option value="2">with sidebar lines</option><option value="1">with boilerplate lines</option><option value="body">body only</option><option value="changed">corrected</option></select></label>
<label>spam score &ge; <input id="f-score" type="number" min="0" max="1" step="0.05" value="0"></label>
<label>id contains <input id="f-id" type="search" size="14"></label>
<label><input id="f-reasons" type="checkbox"> reasons inline</label>
<span id="shown" class="muted"></span>
<span class="spacer"></span>
<label><input id="x-all" type="checkbox"> include unchanged pages</label>
<span id="x-count"></span>
<button id="export" type="button">Export corrections</button>
<span id="x-status" class="muted" role="status"></span>
</div>
</header>
<main id="pages"></main>"""

_CSS = """
:root{--body:#ffffff;--body-b:#2e7d32;--bp:#eceff1;--bp-b:#78909c;--sb:#ffe0cc;--sb-b:#e65100;--cb:#c62828}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,"Noto Sans CJK KR","NanumGothic","Malgun Gothic","Apple SD Gothic Neo",sans-serif;color:#1a1a1a;background:#f5f5f5}
header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #ccc;padding:8px 14px}
h1{font-size:17px;margin:0 0 4px}
.legend,.controls{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center;margin:3px 0}
.help,.muted{color:#666;font-size:12px}
.spacer{flex:1}
.chip{padding:0 6px;border-left:4px solid;font-size:12px}
.chip.lab-body{border-color:var(--body-b)}.chip.lab-boilerplate{background:var(--bp);border-color:var(--bp-b)}.chip.lab-sidebar{background:var(--sb);border-color:var(--sb-b)}
button{font:inherit;cursor:pointer}
#x-count{font-size:12px;color:#1565c0;font-weight:600}
#export{background:#1565c0;color:#fff;border:0;border-radius:3px;padding:4px 10px}
main{padding:8px 14px}
.page{background:#fff;border:1px solid #ccc;border-radius:4px;margin:0 0 6px}
.ph{display:grid;grid-template-columns:2.4em 7.5em minmax(8em,1fr) auto auto auto;gap:10px;align-items:center;width:100%;text-align:left;border:0;background:none;padding:6px 10px}
.ph:hover{background:#f0f4ff}
.page.open>.ph{border-bottom:1px solid #ddd;background:#f7f9ff}
.rank{color:#888;font-size:12px}
.score{display:flex;align-items:center;gap:4px;font-variant-numeric:tabular-nums}
.sbar{display:inline-block;width:40px;height:7px;background:#eee}
.sbar i{display:block;height:100%;background:var(--sb-b)}
.pid{font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.counts span{margin-right:8px;font-size:12px;font-variant-numeric:tabular-nums}
.counts .n0{color:var(--body-b)}.counts .n1{color:#546e7a}.counts .n2{color:var(--sb-b)}
.tbsize{font-size:12px;color:#555}
.edited{font-size:12px;color:#1565c0;font-weight:600}
.lines{padding:6px 10px 10px}
.line{display:grid;grid-template-columns:2.6em 46px 6.6em minmax(0,1fr) auto;gap:8px;align-items:start;padding:2px 6px;border-left:4px solid transparent;cursor:pointer;outline-offset:-2px}
.line:focus{outline:2px solid #1565c0}
.line.lab-body{background:var(--body);border-left-color:var(--body-b)}
.line.lab-boilerplate{background:var(--bp);border-left-color:var(--bp-b);color:#455a64}
.line.lab-sidebar{background:var(--sb);border-left-color:var(--sb-b)}
.line.blank{cursor:default;min-height:.7em;background:none;border-left-color:transparent}
.line.changed{box-shadow:inset 0 0 0 2px #1565c0}
.no{color:#999;font-size:11px;text-align:right;font-variant-numeric:tabular-nums;padding-top:2px}
.pbar{display:flex;height:8px;margin-top:6px;background:#ddd}
.pbar i{display:block;height:100%}
.pbar .p0{background:var(--body-b)}.pbar .p1{background:var(--bp-b)}.pbar .p2{background:var(--sb-b)}
.tag{font-size:11px;text-transform:uppercase;letter-spacing:.02em;color:#555;padding-top:2px}
.was{display:block;text-transform:none;color:#1565c0}
.txt{white-space:pre-wrap;overflow-wrap:anywhere}
.cb{font-size:12px;white-space:nowrap;padding-top:1px;text-align:right}
.cb b{display:inline-block;padding:0 5px;border-radius:3px;background:#eee;color:#333;font-weight:600}
.cb.hot b{background:var(--cb);color:#fff}
.cue{display:inline-block;margin-left:4px;padding:0 4px;border:1px solid var(--cb);border-radius:3px;color:var(--cb);font-size:11px}
.line.headline .txt{font-weight:600}
.why{grid-column:4/6;display:none;font-size:11px;color:#555}
.why span{display:inline-block;margin:0 6px 0 0;padding:0 4px;background:rgba(0,0,0,.06);border-radius:3px}
body.reasons .why{display:block}
.blk{margin:4px 0;border:2px solid;border-radius:4px}
.blk-1{border-color:var(--bp-b)}.blk-2{border-color:var(--sb-b)}
.blk.trailing{border-style:dashed;border-width:3px;border-color:var(--cb)}
.cap{font-size:11px;padding:1px 6px;color:#fff;background:var(--bp-b)}
.blk-2>.cap{background:var(--sb-b)}.blk.trailing>.cap{background:var(--cb)}
.pactions{padding:0 10px 8px;display:flex;gap:10px;align-items:center}
"""

_JS = r"""
"use strict";
(function () {
  var DATA = JSON.parse(document.getElementById("review-data").textContent);
  var LABELS = DATA.labels, REASONS = DATA.reasons, PAGES = DATA.pages;
  var STORE = "sidebarspam-review:" + document.body.getAttribute("data-report");
  var edits = {};  // page index -> {line index: label code}
  try { edits = JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { edits = {}; }
  function save() { try { localStorage.setItem(STORE, JSON.stringify(edits)); } catch (e) {} }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function labelOf(p, i) {
    var e = edits[p];
    return e && Object.prototype.hasOwnProperty.call(e, i) ? e[i] : PAGES[p].lines[i][1];
  }
  function nEdits(p) { return edits[p] ? Object.keys(edits[p]).length : 0; }
  function isBlank(text) { return !/\S/.test(text); }
  document.getElementById("title").textContent = DATA.title + " \u2014 " + PAGES.length + " page" + (PAGES.length === 1 ? "" : "s");

  var order = PAGES.map(function (_, i) { return i; });
  order.sort(function (a, b) { return PAGES[b].score - PAGES[a].score || a - b; });
  var main = document.getElementById("pages");
  var sections = [];

  function setLabel(p, i, code, lineEl) {
    var orig = PAGES[p].lines[i][1];
    if (code === orig) { if (edits[p]) { delete edits[p][i]; if (!nEdits(p)) delete edits[p]; } }
    else { (edits[p] = edits[p] || {})[i] = code; }
    save();
    paintLine(p, i, lineEl);
    paintHeader(p);
  }
  function paintLine(p, i, lineEl) {
    var code = labelOf(p, i), orig = PAGES[p].lines[i][1];
    var blank = isBlank(PAGES[p].lines[i][0]);
    lineEl.className = "line lab-" + LABELS[code] + (blank ? " blank" : "") + (code !== orig ? " changed" : "") +
      (PAGES[p].lines[i][3] !== null ? " headline" : "");
    lineEl.setAttribute("data-label", LABELS[code]);
    var tag = lineEl.querySelector(".tag");
    tag.textContent = blank ? "" : LABELS[code];
    if (code !== orig) tag.appendChild(el("span", "was", "was " + LABELS[orig]));
  }
  function buildLine(p, i) {
    var L = PAGES[p].lines[i], text = L[0], probs = L[2], cb = L[3];
    var row = el("div");
    row.setAttribute("data-i", String(i));
    row.appendChild(el("span", "no", i + 1));
    var bar = el("span", "pbar");
    for (var k = 0; k < 3; k++) { var seg = el("i", "p" + k); seg.style.width = Number(probs[k]) + "%"; bar.appendChild(seg); }
    row.appendChild(bar);
    row.appendChild(el("span", "tag"));
    row.appendChild(el("span", "txt", text));
    var cbx = el("span", "cb");
    var reasons = L[4].map(function (r) { return String(REASONS[r]); });
    if (cb !== null) {
      cbx.appendChild(el("b", null, "clickbait " + Number(cb).toFixed(2)));
      if (L[5]) cbx.className = "cb hot";
      reasons.forEach(function (r) {
        if (r.indexOf("clickbait:") === 0) cbx.appendChild(el("span", "cue", r.slice("clickbait:".length)));
      });
    }
    row.appendChild(cbx);
    var why = el("div", "why");
    reasons.forEach(function (r) { why.appendChild(el("span", null, r)); });
    row.appendChild(why);
    var tip = "p(body) " + probs[0] + "%  p(boilerplate) " + probs[1] + "%  p(sidebar) " + probs[2] + "%";
    if (cb !== null) tip += "\nclickbait " + Number(cb).toFixed(3);
    tip += "\nreasons: " + (reasons.length ? reasons.join(", ") : "none");
    row.title = tip;
    if (!isBlank(text)) row.tabIndex = 0;
    paintLine(p, i, row);
    return row;
  }
  function buildLines(p, box) {
    var page = PAGES[p], starts = {}, ends = {};
    page.blocks.forEach(function (b) { starts[b[1]] = b; ends[b[2]] = true; });
    var tb = page.trailing;
    var parent = box, tbBox = null, blkBox = null;
    for (var i = 0; i < page.lines.length; i++) {
      if (tb && i === tb[0]) {
        tbBox = el("div", "blk blk-2 trailing");
        tbBox.appendChild(el("div", "cap", "trailing block: " + (tb[1] > tb[0] ? "lines " + (tb[0] + 1) + "\u2013" + (tb[1] + 1) : "line " + (tb[0] + 1)) + ", " + tb[2] + " bytes"));
        box.appendChild(tbBox);
        parent = tbBox;
      }
      var b = starts[i];
      if (b && !(tb && b[1] === tb[0] && b[2] === tb[1])) {
        blkBox = el("div", "blk blk-" + b[0]);
        blkBox.appendChild(el("div", "cap", LABELS[b[0]] + " block: " + (b[2] - b[1] + 1) + " line" + (b[2] > b[1] ? "s" : "") + ", " + b[3] + " bytes"));
        parent.appendChild(blkBox);
      }
      (blkBox || parent).appendChild(buildLine(p, i));
      if (blkBox && ends[i]) blkBox = null;
      if (tbBox && i === tb[1]) { tbBox = null; parent = box; }
    }
  }
  function paintHeader(p) {
    var s = sections[p], n = nEdits(p);
    s.querySelector(".edited").textContent = n ? n + " corrected" : "";
    s.setAttribute("data-changed", n ? "1" : "0");
    var lines = 0, pages = 0;
    Object.keys(edits).forEach(function (q) { var k = nEdits(q); if (k) { lines += k; pages++; } });
    document.getElementById("x-count").textContent = lines ? lines + " line" + (lines === 1 ? "" : "s") +
      " corrected on " + pages + " page" + (pages === 1 ? "" : "s") : "";
  }
  function toggle(p) {
    var s = sections[p], open = !s.classList.contains("open");
    s.classList.toggle("open", open);
    s.querySelector(".ph").setAttribute("aria-expanded", open ? "true" : "false");
    var body = s.querySelector(".pbody");
    if (open && !body.firstChild) {  // lines are built on first open only
      var box = el("div", "lines");
      buildLines(p, box);
      body.appendChild(box);
      var actions = el("div", "pactions");
      var reset = el("button", null, "Reset this page's corrections");
      reset.type = "button";
      reset.addEventListener("click", function () {
        delete edits[p]; save();
        box.querySelectorAll(".line").forEach(function (row) { paintLine(p, Number(row.getAttribute("data-i")), row); });
        paintHeader(p);
      });
      actions.appendChild(reset);
      if (PAGES[p].url) actions.appendChild(el("span", "muted", PAGES[p].url));
      body.appendChild(actions);
    }
    body.hidden = !open;
  }
  order.forEach(function (p, rank) {
    var page = PAGES[p];
    var s = el("section", "page");
    s.setAttribute("data-page", String(p));
    s.setAttribute("data-id", page.id);
    var h = el("button", "ph");
    h.type = "button";
    h.setAttribute("aria-expanded", "false");
    h.appendChild(el("span", "rank", "#" + (rank + 1)));
    var sc = el("span", "score");
    var sb = el("span", "sbar"), fill = el("i");
    fill.style.width = Math.round(100 * Math.min(1, Math.max(0, Number(page.score)))) + "%";
    sb.appendChild(fill); sc.appendChild(sb); sc.appendChild(el("span", null, Number(page.score).toFixed(3)));
    h.appendChild(sc);
    h.appendChild(el("span", "pid", page.id)).title = page.id;
    var counts = el("span", "counts");
    for (var k = 0; k < 3; k++) counts.appendChild(el("span", "n" + k, LABELS[k] + " " + page.counts[k]));
    h.appendChild(counts);
    h.appendChild(el("span", "tbsize", page.trailing ? "trailing " + (page.trailing[1] - page.trailing[0] + 1) + (page.trailing[1] > page.trailing[0] ? " lines" : " line") + " / " + page.trailing[2] + " B" : "no trailing block"));
    h.appendChild(el("span", "edited"));
    h.addEventListener("click", function () { toggle(p); });
    s.appendChild(h);
    var body = el("div", "pbody"); body.hidden = true;
    body.addEventListener("click", function (ev) {
      var row = ev.target.closest ? ev.target.closest(".line") : null;
      if (!row || row.classList.contains("blank")) return;
      var sel = window.getSelection ? String(window.getSelection()) : "";
      if (sel) return;  // selecting text to copy it is not a correction
      var i = Number(row.getAttribute("data-i"));
      setLabel(p, i, (labelOf(p, i) + 1) % 3, row);
    });
    body.addEventListener("keydown", function (ev) {
      var row = ev.target;
      if (!row.classList || !row.classList.contains("line")) return;
      var i = Number(row.getAttribute("data-i")), key = ev.key;
      if (key === " " || key === "Enter") setLabel(p, i, (labelOf(p, i) + 1) % 3, row);
      else if (key === "1" || key === "2" || key === "3") setLabel(p, i, Number(key) - 1, row);
      else if (key === "j" || key === "k" || key === "ArrowDown" || key === "ArrowUp") {
        var rows = Array.prototype.slice.call(body.querySelectorAll(".line[tabindex]"));
        var next = rows[rows.indexOf(row) + (key === "j" || key === "ArrowDown" ? 1 : -1)];
        if (next) next.focus();
      } else return;
      ev.preventDefault();
    });
    s.appendChild(body);
    sections[p] = s;
    main.appendChild(s);
    paintHeader(p);
  });

  var fLabel = document.getElementById("f-label"), fScore = document.getElementById("f-score"), fId = document.getElementById("f-id");
  function filter() {
    var want = fLabel.value, min = Number(fScore.value) || 0, idq = fId.value.toLowerCase(), shown = 0;
    order.forEach(function (p) {
      var page = PAGES[p], ok = page.score >= min && (!idq || page.id.toLowerCase().indexOf(idq) >= 0);
      if (want === "1" || want === "2") ok = ok && page.counts[Number(want)] > 0;
      else if (want === "body") ok = ok && page.counts[1] === 0 && page.counts[2] === 0;
      else if (want === "changed") ok = ok && nEdits(p) > 0;
      sections[p].hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById("shown").textContent = shown + " of " + PAGES.length + " shown";
  }
  [fLabel, fScore, fId].forEach(function (c) { c.addEventListener("input", filter); c.addEventListener("change", filter); });
  document.getElementById("f-reasons").addEventListener("change", function (ev) { document.body.classList.toggle("reasons", ev.target.checked); });
  filter();

  function exportJsonl(all) {
    var out = [];
    order.forEach(function (p) {
      if (!all && !nEdits(p)) return;
      var page = PAGES[p], lines = [], corrected = [];
      page.lines.forEach(function (L, i) {
        if (isBlank(L[0])) return;  // the training corpora have no blank lines
        var code = labelOf(p, i);
        if (code !== L[1]) corrected.push(lines.length);
        lines.push({text: L[0], label: LABELS[code]});
      });
      var rec = {id: page.id, source: "review", lines: lines, corrected: corrected};
      if (page.site) rec.site = page.site;
      if (page.url) rec.url = page.url;
      // U+2028/2029 escaped too: some JSONL readers (Python's str.splitlines) split lines there.
      out.push(JSON.stringify(rec).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029"));
    });
    return out.length ? out.join("\n") + "\n" : "";
  }
  document.getElementById("export").addEventListener("click", function () {
    var all = document.getElementById("x-all").checked, text = exportJsonl(all), status = document.getElementById("x-status");
    if (!text) { status.textContent = "No corrections yet: click a line to change its label."; return; }
    var n = text.split("\n").length - 1;
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([text], {type: "application/x-ndjson"}));
    a.download = "sidebarspam-corrections.jsonl";
    document.body.appendChild(a); a.click(); a.remove();
    status.textContent = "Exported " + n + " page" + (n === 1 ? "" : "s") + " to sidebarspam-corrections.jsonl";
  });
  window.sidebarspamReview = {exportJsonl: exportJsonl, pages: PAGES.length, edits: function () { return edits; }};
})();
"""
