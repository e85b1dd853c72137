/// The dashboard's stylesheet. System fonts only (nothing to download); colours
/// chosen for at least 4.5:1 contrast for text and 3:1 for chart marks, in the
/// light and the dark scheme. Below 760px the table turns into one card per row.
enum DashboardStyle {
    static let css = #"""
:root {
  color-scheme: light dark;
  --bg: #f6f6f3;
  --surface: #ffffff;
  --text: #1b1d21;
  --muted: #4b5260;
  --line: #d5d8de;
  --accent: #1d4ed8;
  --accent-text: #ffffff;
  --focus: #b45309;
  --error-bg: #fdecec;
  --error-text: #8a1414;
  --info-bg: #e8effd;
  --info-text: #173a8c;
  --left-bg: #e6e8ec; --left-text: #262b33;
  --suspended-bg: #fdf0d5; --suspended-text: #744200;
  --announced-bg: #e3ebfd; --announced-text: #173a8c;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #111418;
    --surface: #1b1f25;
    --text: #eceef1;
    --muted: #b0b7c3;
    --line: #39404a;
    --accent: #8ab4f8;
    --accent-text: #0b1220;
    --focus: #fbbf24;
    --error-bg: #3b1414; --error-text: #ffc9c9;
    --info-bg: #172447; --info-text: #c9d8ff;
    --left-bg: #333a44; --left-text: #eceef1;
    --suspended-bg: #4a3510; --suspended-text: #fde3a7;
    --announced-bg: #1d2f5c; --announced-text: #d3e0ff;
  }
}

*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font: 16px/1.5 var(--font);
}
a { color: var(--accent); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }

.wrap { max-width: 1200px; margin: 0 auto; padding: 0 1rem; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.skip-link { position: absolute; left: -9999px; top: 0; background: var(--surface); padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { left: 1rem; }

.site-header { background: var(--surface); border-bottom: 1px solid var(--line); padding: 1.25rem 0 1rem; margin-bottom: 1.25rem; }
.site-header h1 { margin: 0; font-size: 1.9rem; letter-spacing: -.01em; }
.lede { margin: .25rem 0 0; color: var(--muted); max-width: 60rem; }
.site-footer { color: var(--muted); font-size: .9rem; padding: 1.5rem 0 2rem; }

h2 { font-size: 1.15rem; margin: 0 0 .75rem; }
.panel { background: var(--surface); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin-bottom: 1.25rem; min-width: 0; }

.notice { border-radius: 8px; padding: .75rem 1rem; margin-bottom: 1rem; background: var(--info-bg); color: var(--info-text); }
.notice.error { background: var(--error-bg); color: var(--error-text); }
.notice p { margin: 0; }
.notice button { margin-top: .5rem; }

.figures { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 1rem; margin: 0 0 1.25rem; }
.figure { background: var(--surface); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; min-width: 0; display: flex; flex-direction: column; justify-content: space-between; }
.figure dt { color: var(--muted); font-size: .9rem; }
.figure dd { margin: 0; font-size: 2rem; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.figure-latest dd { font-size: 1.05rem; font-weight: 600; line-height: 1.35; }
.figure dd .sub { display: block; font-size: .85rem; font-weight: 400; color: var(--muted); }

.charts { display: grid; grid-template-columns: 3fr 2fr; gap: 1.25rem; }
.chart { margin: 0; }
.chart svg { display: block; width: 100%; height: auto; overflow: visible; }
.chart text { fill: var(--text); font: 12px var(--font); }
.chart .axis-label { fill: var(--muted); }
.chart .axis { stroke: var(--line); stroke-width: 1; }
.chart .bar, .chart .bar-day { fill: var(--accent); }
.chart .bar-month { stroke: var(--accent); stroke-width: 1.5; }
#platform-chart svg { max-width: 520px; }
.chart .hatch line { stroke: var(--accent); stroke-width: 1.5; }
.chart a:focus-visible rect { stroke: var(--focus); stroke-width: 3; }
.chart a:hover rect { opacity: .85; }
.legend { display: flex; gap: 1rem; flex-wrap: wrap; margin: .5rem 0 0; padding: 0; list-style: none; font-size: .875rem; color: var(--muted); }
.legend svg { width: 14px; height: 14px; vertical-align: -2px; margin-right: .35rem; display: inline-block; }
.note { color: var(--muted); font-size: .875rem; margin: .5rem 0 0; }
.placeholder { color: var(--muted); margin: 0; }

.filters { display: grid; grid-template-columns: 2fr repeat(4, minmax(0, 1fr)) auto; gap: .75rem; align-items: end; margin-bottom: .75rem; }
.field { display: flex; flex-direction: column; gap: .25rem; min-width: 0; }
.field label { font-size: .875rem; font-weight: 600; }
input[type="search"], select {
  font: inherit; color: var(--text); background: var(--surface);
  border: 1px solid var(--muted); border-radius: 6px; padding: .45rem .6rem; min-height: 2.5rem; width: 100%;
}
button {
  font: inherit; cursor: pointer; border-radius: 6px; padding: .45rem .85rem; min-height: 2.5rem;
  border: 1px solid var(--accent); background: var(--accent); color: var(--accent-text);
}
button.secondary { background: var(--surface); color: var(--accent); }
button:disabled { cursor: not-allowed; border-color: var(--line); color: var(--muted); background: var(--surface); }
.result-count { margin: .25rem 0 .75rem; color: var(--muted); }
.exports { margin: 0 0 .75rem; }
.exports .note { color: var(--muted); font-size: .9rem; }

.table-wrap { overflow-x: auto; }
table.departures { width: 100%; border-collapse: collapse; font-size: .95rem; }
.departures th, .departures td { text-align: left; vertical-align: top; padding: .55rem .5rem; border-bottom: 1px solid var(--line); }
.departures thead th { font-size: .85rem; color: var(--muted); white-space: nowrap; border-bottom: 2px solid var(--line); }
.departures tbody th { font-weight: 600; }
.departures .sub { display: block; font-weight: 400; font-size: .85rem; color: var(--muted); }
.departures time, .departures .date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.departures .month-only { border-bottom: 1px dashed var(--muted); }
.departures .unknown { color: var(--muted); }
button.sort { background: none; border: 0; color: inherit; font: inherit; font-weight: 700; padding: .2rem .1rem; min-height: 0; text-decoration: underline; text-decoration-style: dotted; }
button.sort .sort-mark::after { content: " \2195"; }
th[aria-sort="ascending"] .sort-mark::after { content: " \2191"; }
th[aria-sort="descending"] .sort-mark::after { content: " \2193"; }
th[aria-sort="ascending"] button.sort, th[aria-sort="descending"] button.sort { color: var(--text); text-decoration: none; }
.badge { display: inline-block; border-radius: 999px; padding: 0 .55rem; font-size: .85rem; font-weight: 600; white-space: nowrap; }
.badge-left { background: var(--left-bg); color: var(--left-text); }
.badge-suspended { background: var(--suspended-bg); color: var(--suspended-text); }
.badge-announced { background: var(--announced-bg); color: var(--announced-text); }
.badge-unsure { margin-left: .3rem; background: transparent; color: var(--muted, inherit); border: 1px dashed currentColor; }
button.expand { padding: .2rem .6rem; min-height: 2rem; white-space: nowrap; font-size: .875rem; }
tr.evidence-row > td { background: var(--bg); padding: .75rem 1rem 1rem; }
.evidence-list { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
.evidence-list blockquote { margin: 0 0 .4rem; padding: .1rem 0 .1rem .85rem; border-left: 3px solid var(--accent); font-style: italic; }
.evidence-list .source { margin: .3rem 0 0 .85rem; font-size: .875rem; color: var(--muted); }
.empty { text-align: center; padding: 1.5rem 1rem; color: var(--muted); }
.empty p { margin: 0 0 .75rem; }
.pager { display: flex; align-items: center; justify-content: space-between; gap: .75rem; margin-top: .75rem; }
#page-info { color: var(--muted); font-size: .9rem; text-align: center; }

@media (max-width: 980px) {
  .charts { grid-template-columns: 1fr; }
  .filters { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .field-search { grid-column: 1 / -1; }
  .field-actions { grid-column: 1 / -1; }
}
@media (max-width: 760px) {
  .figures { grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .75rem; }
  .figure { padding: .6rem .75rem; }
  .figure dt { font-size: .8rem; line-height: 1.3; }
  .figure dd { font-size: 1.6rem; }
  .figure-latest { grid-column: 1 / -1; }
  .figure-latest dd { font-size: 1.05rem; }
  .site-header h1 { font-size: 1.5rem; }
  .departures thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .departures, .departures tbody, .departures tr, .departures th, .departures td { display: block; width: 100%; }
  .departures tbody tr.departure { border: 1px solid var(--line); border-radius: 8px; margin-bottom: .75rem; padding: .4rem .75rem; }
  .departures tbody th { border: 0; font-size: 1.05rem; padding: .35rem 0; }
  .departures tbody td { border: 0; padding: .2rem 0; display: flex; gap: .75rem; }
  .departures tbody td[data-label]::before { content: attr(data-label); flex: 0 0 6.5rem; color: var(--muted); font-size: .85rem; }
  .departures tbody tr.evidence-row { margin: -.75rem 0 .75rem; }
  .departures tbody tr.evidence-row > td { display: block; border: 1px solid var(--line); border-top: 0; border-radius: 0 0 8px 8px; }
  .pager { flex-wrap: wrap; }
}
@media (max-width: 420px) {
  .filters { grid-template-columns: 1fr; }
}
@media (prefers-reduced-motion: no-preference) {
  button, a { transition: background-color .15s, color .15s; }
}
"""#
}
