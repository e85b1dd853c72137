/// The dashboard's HTML. It holds the structure only: every figure, chart and
/// row is filled in by `/dashboard.js` from the JSON API. No inline script or
/// style, nothing from another origin.
enum DashboardPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Exodus: organisations that left X</title>
<meta name="description" content="Organisations that left X (formerly Twitter): who, when, and where they went, each with a quote from its source.">
<link rel="icon" href="data:,">
<link rel="alternate" type="application/atom+xml" title="Exodus: latest departures (Atom)" href="/feed.atom">
<link rel="stylesheet" href="/dashboard.css">
<script src="/dashboard.js" defer></script>
</head>
<body>
<a class="skip-link" href="#departures-heading">Skip to the table of departures</a>
<header class="site-header">
  <div class="wrap">
    <h1>Exodus</h1>
    <p class="lede">Organisations that left X (formerly Twitter): who, when they announced it, when it took effect, and where they went. Every row rests on a quote from a source document.</p>
  </div>
</header>
<main id="main" class="wrap">
  <div id="notice" class="notice" role="status" aria-live="polite" hidden></div>

  <section aria-labelledby="figures-heading">
    <h2 id="figures-heading" class="visually-hidden">Headline figures</h2>
    <dl class="figures">
      <div class="figure"><dt>Organisations</dt><dd id="fig-organisations">…</dd></div>
      <div class="figure"><dt>Countries</dt><dd id="fig-countries">…</dd></div>
      <div class="figure"><dt>Destination platforms</dt><dd id="fig-platforms">…</dd></div>
      <div class="figure figure-latest"><dt>Latest departure</dt><dd id="fig-latest">…</dd></div>
    </dl>
  </section>

  <div class="charts">
    <section class="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Departures announced, by month</h2>
      <figure class="chart" id="timeline" aria-describedby="timeline-note">
        <p class="placeholder">Loading…</p>
      </figure>
      <p class="note" id="timeline-note"></p>
    </section>
    <section class="panel" aria-labelledby="platforms-heading">
      <h2 id="platforms-heading">Where they went</h2>
      <figure class="chart" id="platform-chart" aria-describedby="platforms-note">
        <p class="placeholder">Loading…</p>
      </figure>
      <p class="note" id="platforms-note"></p>
    </section>
  </div>

  <section class="panel" aria-labelledby="departures-heading">
    <h2 id="departures-heading" tabindex="-1">Departures</h2>
    <form id="filters" class="filters" role="search" method="get" action="/" aria-label="Filter departures">
      <div class="field field-search">
        <label for="f-q">Search by name</label>
        <input id="f-q" name="q" type="search" maxlength="200" autocomplete="off" spellcheck="false" placeholder="e.g. Greenpeace">
      </div>
      <div class="field">
        <label for="f-platform">Platform</label>
        <select id="f-platform" name="platform"><option value="">Any platform</option></select>
      </div>
      <div class="field">
        <label for="f-country">Country</label>
        <select id="f-country" name="country"><option value="">Any country</option></select>
      </div>
      <div class="field">
        <label for="f-kind">Kind</label>
        <select id="f-kind" name="kind"><option value="">Any kind</option></select>
      </div>
      <div class="field">
        <label for="f-status">Status</label>
        <select id="f-status" name="status"><option value="">Any status</option></select>
      </div>
      <div class="field">
        <label for="f-min_confidence">Confidence</label>
        <select id="f-min_confidence" name="min_confidence">
          <option value="">Likely right (default)</option>
          <option value="0">Every row, unsure ones marked</option>
        </select>
      </div>
      <div class="field field-actions">
        <button type="submit" class="visually-hidden">Apply filters</button>
        <button type="button" id="f-clear" class="secondary">Clear filters</button>
      </div>
    </form>

    <p id="result-count" class="result-count" role="status" aria-live="polite"></p>
    <p class="exports">
      <a id="download-csv" href="/departures.csv" download>Download CSV</a>
      <span aria-hidden="true">·</span>
      <a id="feed-link" href="/feed.atom" type="application/atom+xml">Atom feed</a>
      <span class="note">(every departure matching the filters; the feed has the latest 50)</span>
    </p>

    <div class="table-wrap">
      <table id="departures" class="departures">
        <caption class="visually-hidden">Departures matching the filters above. Organisation and Announced can be sorted; each row can be expanded to show its evidence.</caption>
        <thead>
          <tr>
            <th scope="col" data-sort-key="organisation" aria-sort="none"><button type="button" class="sort">Organisation<span class="sort-mark" aria-hidden="true"></span></button></th>
            <th scope="col">Kind</th>
            <th scope="col">Country</th>
            <th scope="col">Status</th>
            <th scope="col" data-sort-key="announced" aria-sort="descending"><button type="button" class="sort">Announced<span class="sort-mark" aria-hidden="true"></span></button></th>
            <th scope="col">Effective</th>
            <th scope="col">Platforms</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody id="rows"></tbody>
      </table>
    </div>
    <div id="empty" class="empty" hidden>
      <p id="empty-text">No departures match these filters.</p>
      <button type="button" id="empty-clear" class="secondary">Clear filters</button>
    </div>

    <nav class="pager" aria-label="Pages of departures">
      <button type="button" id="page-prev" class="secondary" disabled>Previous page</button>
      <span id="page-info"></span>
      <button type="button" id="page-next" class="secondary" disabled>Next page</button>
    </nav>
  </section>
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>Data from the Exodus JSON API (<a href="/openapi.json">OpenAPI description</a>). Dates are as precise as the sources: a month alone is shown as a month. <span id="snapshot"></span></p>
  </div>
</footer>
<noscript><p class="wrap">This dashboard needs JavaScript. The same data is at <a href="/departures">/departures</a> as JSON.</p></noscript>
</body>
</html>
"""#
}
