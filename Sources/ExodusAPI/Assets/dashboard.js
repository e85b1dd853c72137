'use strict';
(function () {
  var SVG = 'http://www.w3.org/2000/svg';
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  var FILTERS = ['platform', 'country', 'kind', 'status', 'min_confidence'];
  var DEFAULT_SORT = '-announced';
  var DEFAULT_LIMIT = 50;
  var STATUS_LABEL = { left: 'Left', suspended: 'Suspended', announced: 'Announced' };

  var state = {
    view: null,          // {q, platform, country, kind, status, sort, limit}
    cursors: [null],     // cursor of each page seen, first page has none
    page: 0,
    seq: 0,              // guards against answers arriving out of order
    stats: null,
    platforms: null,
    all: null,           // every departure (for the timeline and names of collectives)
    names: {}
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }
  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }
  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = String(v);
      else node.setAttribute(k, v === true ? '' : String(v));
    });
  }
  function append(node, children) {
    if (children === null || children === undefined) return;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // ---- the view in the URL ----

  function readView() {
    var p = new URLSearchParams(window.location.search);
    var view = { q: (p.get('q') || '').slice(0, 200), sort: p.get('sort') || DEFAULT_SORT, limit: DEFAULT_LIMIT };
    FILTERS.forEach(function (f) { view[f] = p.get(f) || ''; });
    view.country = view.country.toUpperCase();
    var limit = parseInt(p.get('limit') || '', 10);
    if (limit >= 1 && limit <= 500) view.limit = limit;
    if (['-announced', 'announced', 'organisation', '-organisation'].indexOf(view.sort) < 0) view.sort = DEFAULT_SORT;
    return view;
  }

  function viewParams(view) {
    var p = new URLSearchParams();
    if (view.q.trim()) p.set('q', view.q.trim());
    FILTERS.forEach(function (f) { if (view[f]) p.set(f, view[f]); });
    if (view.sort !== DEFAULT_SORT) p.set('sort', view.sort);
    if (view.limit !== DEFAULT_LIMIT) p.set('limit', String(view.limit));
    return p;
  }

  function writeURL(push) {
    var qs = viewParams(state.view).toString();
    var url = window.location.pathname + (qs ? '?' + qs : '');
    if (url === window.location.pathname + window.location.search) return;
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }

  // The CSV download and the feed carry the view's filters (the CSV its sort too; neither is paged).
  function updateExportLinks(view) {
    var p = viewParams(view);
    p.delete('limit');
    var csv = p.toString();
    p.delete('sort');
    var feed = p.toString();
    $('download-csv').setAttribute('href', '/departures.csv' + (csv ? '?' + csv : ''));
    $('feed-link').setAttribute('href', '/feed.atom' + (feed ? '?' + feed : ''));
  }

  function apiQuery(view, cursor) {
    var p = viewParams(view);
    p.set('limit', String(view.limit));
    if (cursor) p.set('cursor', cursor);
    return '/departures?' + p.toString();
  }

  // ---- fetching ----

  function APIError(status, problem, message) {
    this.status = status;
    this.problem = problem;
    this.message = message;
  }

  function getJSON(path) {
    return window.fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .catch(function () {
        throw new APIError(0, null, 'The Exodus API could not be reached. Check that the service is running, then retry.');
      })
      .then(function (res) {
        return res.json().catch(function () { return null; }).then(function (body) {
          if (res.ok) return body;
          var detail = body && body.detail ? body.detail : (body && body.title) || res.statusText;
          var message = res.status === 503
            ? 'The service has no data loaded yet (' + detail + ').'
            : 'The API answered ' + res.status + ': ' + detail;
          throw new APIError(res.status, body, message);
        });
      });
  }

  function isStaleCursor(err) {
    return err && err.problem && typeof err.problem.type === 'string' && /stale-cursor$/.test(err.problem.type);
  }

  function fetchAll() {
    var items = [];
    function next(cursor) {
      var path = '/departures?limit=500' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      return getJSON(path).then(function (page) {
        items = items.concat(page.items);
        if (page.next_cursor && items.length < 200000) return next(page.next_cursor);
        return items;
      });
    }
    return next(null).catch(function (err) {
      if (isStaleCursor(err)) { items = []; return next(null); }
      throw err;
    });
  }

  // ---- formatting ----

  function formatDate(value) {
    if (!value) return el('span', { class: 'unknown' }, [el('span', { 'aria-hidden': 'true', text: '—' }), el('span', { class: 'visually-hidden', text: 'unknown' })]);
    var parts = value.split('-');
    var month = MONTHS[parseInt(parts[1], 10) - 1] || parts[1];
    if (parts.length === 2) {
      return el('time', { datetime: value, class: 'month-only', title: 'The source gives the month only' }, month + ' ' + parts[0]);
    }
    return el('time', { datetime: value }, parseInt(parts[2], 10) + ' ' + month + ' ' + parts[0]);
  }

  function monthLabel(key, long) {
    var parts = key.split('-');
    return (long ? MONTHS_LONG : MONTHS)[parseInt(parts[1], 10) - 1] + ' ' + parts[0];
  }

  var regionNames = null;
  try { regionNames = new Intl.DisplayNames(['en'], { type: 'region' }); } catch (e) { regionNames = null; }
  function countryName(code) {
    if (!code) return 'Unknown';
    try { var n = regionNames && regionNames.of(code); if (n && n !== code) return n; } catch (e) { /* fall through */ }
    return code;
  }

  function platformName(id) {
    var known = { bluesky: 'Bluesky', mastodon: 'Mastodon', threads: 'Threads', linkedin: 'LinkedIn', instagram: 'Instagram', facebook: 'Facebook', youtube: 'YouTube', tiktok: 'TikTok', whatsapp: 'WhatsApp', telegram: 'Telegram' };
    if (known[id]) return known[id];
    return id ? id.charAt(0).toUpperCase() + id.slice(1) : id;
  }

  function kindName(kind) {
    var names = { ngo: 'NGO', media: 'Media', university: 'University', government: 'Government', union: 'Union', hospital: 'Hospital', museum: 'Museum', company: 'Company', sports: 'Sports', research: 'Research', other: 'Other' };
    return names[kind] || kind;
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function safeURL(url) {
    return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
  }

  // ---- notices ----

  function showNotice(message, kind, retry, retryLabel) {
    var box = $('notice');
    clear(box);
    box.className = 'notice' + (kind === 'error' ? ' error' : '');
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    append(box, el('p', { text: message }));
    if (retry) {
      var b = el('button', { type: 'button', class: 'secondary', text: retryLabel || 'Retry' });
      b.addEventListener('click', retry);
      append(box, b);
    }
    box.hidden = false;
  }
  function hideNotice() { $('notice').hidden = true; clear($('notice')); }

  // ---- figures ----

  function renderFigures() {
    var s = state.stats;
    $('fig-organisations').textContent = String(s.departures);
    var countries = Object.keys(s.by_country).length;
    var c = $('fig-countries');
    clear(c);
    append(c, [String(countries), s.unknown_country ? el('span', { class: 'sub', text: s.unknown_country + ' without a country' }) : null]);
    $('fig-platforms').textContent = String(state.platforms.total);
    var snap = $('snapshot');
    snap.textContent = 'Snapshot ' + s.snapshot.version + ', built ' + s.snapshot.built_at.replace('T', ' ').replace('Z', ' UTC') + '.';
  }

  function renderLatest() {
    var box = $('fig-latest');
    clear(box);
    var latest = null;
    for (var i = 0; i < state.all.length; i++) { if (state.all[i].announced) { latest = state.all[i]; break; } }
    if (!latest) { box.textContent = state.all.length ? 'No dated departure' : 'None yet'; return; }
    var same = state.all.filter(function (d) { return d.announced === latest.announced; }).length;
    append(box, [latest.organisation, el('span', { class: 'sub' }, ['announced ', formatDate(latest.announced), same > 1 ? ' (with ' + plural(same - 1, 'other', 'others') + ')' : ''])]);
  }

  // ---- charts ----

  function renderTimeline() {
    var figure = $('timeline');
    clear(figure);
    var byMonth = {};
    var undated = 0;
    state.all.forEach(function (d) {
      if (!d.announced) { undated++; return; }
      var key = d.announced.slice(0, 7);
      var b = byMonth[key] || (byMonth[key] = { day: 0, month: 0 });
      if (d.announced.length === 7) b.month++; else b.day++;
    });
    var keys = Object.keys(byMonth).sort();
    var note = $('timeline-note');
    if (!keys.length) {
      append(figure, el('p', { class: 'placeholder', text: 'No departure has a known announcement month yet.' }));
      note.textContent = undated ? plural(undated, 'departure has', 'departures have') + ' no announcement date.' : '';
      return;
    }
    // Every month from the first to the last, padded to at least three so one month is not a lone bar.
    var months = [];
    function toIndex(k) { var p = k.split('-'); return parseInt(p[0], 10) * 12 + parseInt(p[1], 10) - 1; }
    function toKey(i) { var y = Math.floor(i / 12), m = i % 12 + 1; return y + '-' + (m < 10 ? '0' : '') + m; }
    var first = toIndex(keys[0]), last = toIndex(keys[keys.length - 1]);
    while (last - first < 2) { first--; if (last - first < 2) last++; }
    for (var i = first; i <= last; i++) months.push(toKey(i));

    var max = 1;
    months.forEach(function (k) { var b = byMonth[k]; if (b) max = Math.max(max, b.day + b.month); });
    // Drawn at the width it is shown at, so its text stays readable on a phone.
    var W = Math.max(300, Math.min(900, Math.round(figure.clientWidth || 640))), H = 230, left = 34, right = 8, top = 12, bottom = 40;
    var plotW = W - left - right, plotH = H - top - bottom;
    var slot = plotW / months.length;
    var barW = Math.max(2, Math.min(48, slot * 0.7));
    var total = 0;
    keys.forEach(function (k) { total += byMonth[k].day + byMonth[k].month; });
    var chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': 'timeline-title', preserveAspectRatio: 'xMidYMid meet' }, [
      svg('title', { id: 'timeline-title', text: plural(total, 'departure', 'departures') + ' with a known announcement month, from ' + monthLabel(keys[0], true) + ' to ' + monthLabel(keys[keys.length - 1], true) + '.' }),
      svg('defs', null, svg('pattern', { id: 'hatch', class: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        svg('line', { x1: 0, y1: 0, x2: 0, y2: 6 })))
    ]);
    // Round the axis up to a whole number of 1, 2 or 5 times a power of ten per step.
    var step = 1;
    if (max > 5) {
      var raw = max / 4, mag = Math.pow(10, Math.floor(Math.log10(raw)));
      step = [1, 2, 5, 10].map(function (m) { return m * mag; }).filter(function (x) { return x >= raw; })[0];
    }
    max = Math.ceil(max / step) * step;
    for (var v = 0; v <= max; v += step) {
      var y = top + plotH - plotH * v / max;
      append(chart, svg('line', { class: 'axis', x1: left, x2: W - right, y1: y, y2: y }));
      append(chart, svg('text', { class: 'axis-label', x: left - 6, y: y + 4, 'text-anchor': 'end', text: v }));
    }
    var labelEvery = Math.ceil(months.length / 10);
    months.forEach(function (k, idx) {
      var b = byMonth[k] || { day: 0, month: 0 };
      var x = left + slot * idx + (slot - barW) / 2;
      var g = svg('g', { class: 'month', 'data-month': k });
      var label = monthLabel(k, true) + ': ' + plural(b.day + b.month, 'departure', 'departures') +
        (b.month ? ' (' + b.month + ' dated to the month only)' : '');
      append(g, svg('title', { text: label }));
      var hDay = plotH * b.day / max, hMonth = plotH * b.month / max;
      var base = top + plotH;
      if (b.day) append(g, svg('rect', { class: 'bar-day', x: x, y: base - hDay, width: barW, height: hDay }));
      if (b.month) append(g, svg('rect', { class: 'bar-month', fill: 'url(#hatch)', x: x, y: base - hDay - hMonth, width: barW, height: hMonth }));
      if (b.day + b.month) append(g, svg('text', { x: x + barW / 2, y: base - hDay - hMonth - 4, 'text-anchor': 'middle', text: b.day + b.month }));
      if (idx % labelEvery === 0) {
        var p = k.split('-');
        append(g, svg('text', { class: 'axis-label', x: left + slot * idx + slot / 2, y: H - bottom + 16, 'text-anchor': 'middle', text: MONTHS[parseInt(p[1], 10) - 1] }));
        if (idx === 0 || p[1] === '01') append(g, svg('text', { class: 'axis-label', x: left + slot * idx + slot / 2, y: H - bottom + 31, 'text-anchor': 'middle', text: p[0] }));
      }
      append(chart, g);
    });
    append(chart, svg('line', { class: 'axis', x1: left, x2: W - right, y1: top + plotH, y2: top + plotH }));
    append(figure, chart);
    append(figure, el('ul', { class: 'legend' }, [
      el('li', null, [svg('svg', { viewBox: '0 0 14 14', 'aria-hidden': 'true' }, svg('rect', { class: 'bar-day', width: 14, height: 14 })), 'Exact day known']),
      el('li', null, [svg('svg', { viewBox: '0 0 14 14', 'aria-hidden': 'true' }, [
        svg('defs', null, svg('pattern', { id: 'hatch-key', class: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, svg('line', { x1: 0, y1: 0, x2: 0, y2: 6 }))),
        svg('rect', { class: 'bar-month', fill: 'url(#hatch-key)', x: 1, y: 1, width: 12, height: 12 })]), 'Month only (the source names no day)'])
    ]));
    var parts = [];
    months.forEach(function (k) { var b = byMonth[k]; if (b) parts.push(monthLabel(k, true) + ': ' + (b.day + b.month) + (b.month ? ' (' + b.month + ' month only)' : '')); });
    note.textContent = parts.join('; ') + '.' + (undated ? ' ' + plural(undated, 'departure has', 'departures have') + ' no announcement date and ' + (undated === 1 ? 'is' : 'are') + ' not shown.' : '') ;
  }

  function renderPlatformChart() {
    var figure = $('platform-chart');
    clear(figure);
    var items = state.platforms.items;
    var note = $('platforms-note');
    if (!items.length) {
      append(figure, el('p', { class: 'placeholder', text: 'No destination platform is recorded yet.' }));
      note.textContent = '';
      return;
    }
    var max = Math.max.apply(null, items.map(function (p) { return p.departures; }));
    var row = 34, labelW = 100, countW = 36, W = 340, H = items.length * row + 4;
    var barMax = W - labelW - countW;
    var chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'group', 'aria-labelledby': 'platforms-heading' });
    items.forEach(function (p, i) {
      var y = i * row + 4;
      var w = Math.max(2, barMax * p.departures / max);
      var label = platformName(p.platform) + ': ' + plural(p.departures, 'departure', 'departures') + '. Show them in the table.';
      var link = svg('a', { href: '/?platform=' + encodeURIComponent(p.platform), 'aria-label': label, 'data-platform': p.platform }, [
        svg('title', { text: label }),
        svg('text', { x: labelW - 8, y: y + row / 2 + 1, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: platformName(p.platform) }),
        svg('rect', { class: 'bar', x: labelW, y: y + 4, width: w, height: row - 12, rx: 3, 'data-platform': p.platform }),
        svg('text', { x: labelW + w + 6, y: y + row / 2 + 1, 'dominant-baseline': 'middle', text: p.departures })
      ]);
      link.addEventListener('click', function (ev) {
        ev.preventDefault();
        setFilter('platform', p.platform, true);
        $('departures-heading').focus();
      });
      append(chart, link);
    });
    append(figure, chart);
    var none = state.all ? state.all.filter(function (d) { return !d.platforms.length; }).length : 0;
    note.textContent = 'A departure can name several platforms.' + (none ? ' ' + plural(none, 'departure names', 'departures name') + ' no destination.' : '');
  }

  // ---- filters ----

  function fillSelect(id, entries, current) {
    var select = $(id);
    while (select.options.length > 1) select.remove(1);
    var seen = {};
    entries.forEach(function (e) {
      seen[e.value] = true;
      select.add(new Option(e.label, e.value));
    });
    if (current && !seen[current]) select.add(new Option(current + ' (not in the data)', current));
  }

  function fillFilterOptions() {
    var s = state.stats, v = state.view;
    fillSelect('f-platform', state.platforms.items.map(function (p) {
      return { value: p.platform, label: platformName(p.platform) + ' (' + p.departures + ')' };
    }), v.platform);
    fillSelect('f-country', Object.keys(s.by_country).map(function (c) {
      return { value: c, label: countryName(c) + ' (' + s.by_country[c] + ')' };
    }).sort(function (a, b) { return a.label.localeCompare(b.label); }), v.country);
    fillSelect('f-kind', Object.keys(s.by_kind).filter(function (k) { return s.by_kind[k] > 0; }).map(function (k) {
      return { value: k, label: kindName(k) + ' (' + s.by_kind[k] + ')' };
    }), v.kind);
    fillSelect('f-status', Object.keys(s.by_status).filter(function (k) { return s.by_status[k] > 0; }).map(function (k) {
      return { value: k, label: (STATUS_LABEL[k] || k) + ' (' + s.by_status[k] + ')' };
    }), v.status);
  }

  function viewToForm() {
    $('f-q').value = state.view.q;
    FILTERS.forEach(function (f) { $('f-' + f).value = state.view[f]; });
    var ths = document.querySelectorAll('th[data-sort-key]');
    Array.prototype.forEach.call(ths, function (th) {
      var key = th.getAttribute('data-sort-key');
      var sort = state.view.sort;
      th.setAttribute('aria-sort', sort === key ? 'ascending' : sort === '-' + key ? 'descending' : 'none');
    });
  }

  function resetPaging() { state.cursors = [null]; state.page = 0; }

  function clearFilters() {
    state.view.q = '';
    FILTERS.forEach(function (f) { state.view[f] = ''; });
    resetPaging();
    viewToForm();
    writeURL(true);
    loadPage();
  }

  function setFilter(name, value, push) {
    state.view[name] = value;
    resetPaging();
    viewToForm();
    writeURL(push);
    loadPage();
  }

  // ---- the table ----

  function describeFilters() {
    var v = state.view, parts = [];
    if (v.q.trim()) parts.push('name contains \u201c' + v.q.trim() + '\u201d');
    if (v.platform) parts.push('platform ' + platformName(v.platform));
    if (v.country) parts.push('country ' + countryName(v.country));
    if (v.kind) parts.push('kind ' + kindName(v.kind));
    if (v.status) parts.push('status ' + (STATUS_LABEL[v.status] || v.status));
    return parts;
  }

  function loadPage() {
    var seq = ++state.seq;
    updateExportLinks(state.view);
    var table = $('departures');
    table.setAttribute('aria-busy', 'true');
    return getJSON(apiQuery(state.view, state.cursors[state.page])).then(function (page) {
      if (seq !== state.seq) return;
      table.removeAttribute('aria-busy');
      hideNotice();
      renderRows(page);
    }, function (err) {
      if (seq !== state.seq) return;
      table.removeAttribute('aria-busy');
      if (isStaleCursor(err) && state.page > 0) {
        resetPaging();
        showNotice('The data was reloaded on the server while you were paging, so the table starts again from the first page.', 'info');
        return loadPage();
      }
      clear($('rows'));
      $('empty').hidden = true;
      $('result-count').textContent = 'No departures shown.';
      updatePager(null);
      if (err.status === 400) {
        // Retrying cannot help a view the API refuses (say a hand-edited URL); clearing can.
        showNotice(err.message, 'error', function () { hideNotice(); clearFilters(); }, 'Clear filters');
      } else {
        showNotice(err.message || String(err), 'error', function () { hideNotice(); start(); });
      }
    });
  }

  function renderRows(page) {
    var tbody = $('rows');
    clear(tbody);
    var offset = state.page * state.view.limit;
    page.items.forEach(function (d, i) { appendRow(tbody, d, offset + i); });
    var filters = describeFilters();
    var count = $('result-count');
    if (!page.total) {
      count.textContent = filters.length ? 'No departures match: ' + filters.join(', ') + '.' : 'No departures yet.';
      $('empty-text').textContent = filters.length ? 'No departures match these filters.' : 'The service has no departures loaded yet.';
      $('empty-clear').hidden = !filters.length;
      $('empty').hidden = false;
      $('departures').hidden = true;
    } else {
      $('empty').hidden = true;
      $('departures').hidden = false;
      var range = page.items.length ? (offset + 1) + '\u2013' + (offset + page.items.length) : '0';
      count.textContent = 'Showing ' + range + ' of ' + plural(page.total, 'departure', 'departures') +
        (filters.length ? ' matching ' + filters.join(', ') : '') + '.';
    }
    count.setAttribute('data-total', String(page.total));
    if (page.next_cursor) state.cursors[state.page + 1] = page.next_cursor;
    else state.cursors.length = state.page + 1;
    updatePager(page);
  }

  function updatePager(page) {
    var pages = page ? Math.max(1, Math.ceil(page.total / state.view.limit)) : 0;
    $('page-prev').disabled = !page || state.page === 0;
    $('page-next').disabled = !page || !page.next_cursor;
    $('page-info').textContent = page && pages > 1 ? 'Page ' + (state.page + 1) + ' of ' + pages : '';
  }

  function appendRow(tbody, d, index) {
    var evidenceId = 'evidence-' + index;
    var nameCell = el('th', { scope: 'row' }, d.organisation);
    if (d.aliases && d.aliases.length) append(nameCell, el('span', { class: 'sub', text: 'also ' + d.aliases.join(', ') }));
    if (d.members && d.members.length) append(nameCell, el('span', { class: 'sub', text: 'a collective; ' + plural(d.members.length, 'member', 'members') + ' named' }));
    if (d.group) append(nameCell, el('span', { class: 'sub group-name', 'data-group': d.group, text: 'part of ' + (state.names[d.group] || d.group) }));
    var button = el('button', { type: 'button', class: 'expand secondary', 'aria-expanded': 'false', 'aria-controls': evidenceId },
      [(d.evidence.length === 1 ? '1 quote' : d.evidence.length + ' quotes'), el('span', { class: 'visually-hidden', text: ' for ' + d.organisation })]);
    var row = el('tr', { class: 'departure', 'data-id': d.id }, [
      nameCell,
      el('td', { 'data-label': 'Kind', text: kindName(d.kind) }),
      el('td', { 'data-label': 'Country' }, d.country ? el('abbr', { title: countryName(d.country), text: d.country }) : el('span', { class: 'unknown', text: 'unknown' })),
      el('td', { 'data-label': 'Status' }, [
        el('span', { class: 'badge badge-' + d.status, text: STATUS_LABEL[d.status] || d.status }),
        // A row under the default cut is shown only when asked for: say that it is unsure.
        state.stats && d.confidence < state.stats.min_confidence
          ? el('span', { class: 'badge badge-unsure', title: 'Confidence ' + d.confidence + ': the extractor is unsure of this row', text: 'unsure' })
          : null
      ]),
      el('td', { 'data-label': 'Announced' }, formatDate(d.announced)),
      el('td', { 'data-label': 'Effective' }, formatDate(d.effective)),
      el('td', { 'data-label': 'Platforms' }, d.platforms.length ? d.platforms.map(platformName).join(', ') : el('span', { class: 'unknown', text: 'none named' })),
      el('td', { 'data-label': 'Evidence' }, button)
    ]);
    var detail = el('tr', { class: 'evidence-row', id: evidenceId, hidden: true }, el('td', { colspan: 8 }));
    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-expanded') === 'true';
      button.setAttribute('aria-expanded', open ? 'false' : 'true');
      detail.hidden = open;
      if (!open && !detail.getAttribute('data-loaded')) loadEvidence(d, detail.firstChild, detail);
    });
    append(tbody, [row, detail]);
  }

  function loadEvidence(d, cell, detailRow) {
    clear(cell);
    append(cell, el('p', { class: 'placeholder', text: 'Loading the evidence…' }));
    getJSON('/departures/' + encodeURIComponent(d.id)).then(function (full) {
      detailRow.setAttribute('data-loaded', 'true');
      renderEvidence(cell, full.evidence, null);
    }, function (err) {
      // The list row already has the quotes; show them with what could not be loaded.
      renderEvidence(cell, d.evidence, 'The source details could not be loaded: ' + (err.message || err));
    });
  }

  function renderEvidence(cell, evidence, problem) {
    clear(cell);
    // Quotes grouped by the document they come from, the source named once per group.
    var list = el('ul', { class: 'evidence-list' });
    var groups = [], byDocument = {};
    evidence.forEach(function (e) {
      var g = byDocument[e.document];
      if (!g) { g = byDocument[e.document] = { source: e, quotes: [] }; groups.push(g); }
      g.quotes.push(e.quote);
    });
    groups.forEach(function (g) {
      var e = g.source;
      var source = el('p', { class: 'source' });
      var bits = [];
      if (e.title) bits.push(el('cite', { text: e.title }));
      if (e.publisher) bits.push(e.publisher);
      if (e.published) bits.push(formatDate(e.published));
      bits.forEach(function (b, i) { if (i) append(source, ', '); append(source, b); });
      if (bits.length) append(source, ' \u00b7 ');
      append(source, el('a', { href: '/documents/' + encodeURIComponent(e.document), text: 'source document (JSON)' }));
      var url = safeURL(e.url);
      if (url) { append(source, ' \u00b7 '); append(source, el('a', { href: url, rel: 'noopener noreferrer', text: 'original article' })); }
      append(list, el('li', null, g.quotes.map(function (q) { return el('blockquote', { text: q }); }).concat([source])));
    });
    if (problem) append(cell, el('p', { class: 'note', text: problem }));
    append(cell, list);
  }

  // ---- wiring ----

  function bindEvents() {
    var form = $('filters');
    var timer = null;
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (timer) { clearTimeout(timer); timer = null; }
      state.view.q = $('f-q').value;
      resetPaging();
      writeURL(true);
      loadPage();
    });
    $('f-q').addEventListener('input', function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () {
        timer = null;
        if (state.view.q === $('f-q').value) return;
        state.view.q = $('f-q').value;
        resetPaging();
        writeURL(false);
        loadPage();
      }, 250);
    });
    FILTERS.forEach(function (f) {
      $('f-' + f).addEventListener('change', function (ev) { setFilter(f, ev.target.value, true); });
    });
    $('f-clear').addEventListener('click', clearFilters);
    $('empty-clear').addEventListener('click', clearFilters);
    Array.prototype.forEach.call(document.querySelectorAll('th[data-sort-key] button'), function (b) {
      b.addEventListener('click', function () {
        var key = b.parentNode.getAttribute('data-sort-key');
        var sort = state.view.sort;
        // Names read best A to Z first, dates newest first.
        var first = key === 'organisation' ? key : '-' + key;
        var second = first.charAt(0) === '-' ? key : '-' + key;
        state.view.sort = sort === first ? second : first;
        resetPaging();
        viewToForm();
        writeURL(true);
        loadPage();
      });
    });
    $('page-next').addEventListener('click', function () {
      if (!state.cursors[state.page + 1]) return;
      state.page++;
      loadPage().then(function () { $('departures-heading').focus(); });
    });
    $('page-prev').addEventListener('click', function () {
      if (state.page === 0) return;
      state.page--;
      loadPage().then(function () { $('departures-heading').focus(); });
    });
    window.addEventListener('popstate', function () {
      state.view = readView();
      resetPaging();
      viewToForm();
      loadPage();
    });
  }

  function start() {
    state.view = readView();
    viewToForm();
    showNotice('Loading…', 'info');
    return Promise.all([getJSON('/stats'), getJSON('/platforms')]).then(function (both) {
      state.stats = both[0];
      state.platforms = both[1];
      renderFigures();
      fillFilterOptions();
      viewToForm();
      renderPlatformChart();
      var page = loadPage();
      var all = fetchAll().then(function (items) {
        state.all = items;
        state.names = {};
        items.forEach(function (d) { state.names[d.id] = d.organisation; });
        // Rows drawn before this list arrived name their collective by id; give them its name.
        Array.prototype.forEach.call(document.querySelectorAll('.group-name'), function (span) {
          var id = span.getAttribute('data-group');
          if (state.names[id]) span.textContent = 'part of ' + state.names[id];
        });
        renderLatest();
        renderTimeline();
        renderPlatformChart();
      });
      return Promise.all([page, all]);
    }).then(function () {
      document.documentElement.setAttribute('data-ready', 'true');
    }, function (err) {
      ['fig-organisations', 'fig-countries', 'fig-platforms', 'fig-latest'].forEach(function (id) { $(id).textContent = '\u2014'; });
      ['timeline', 'platform-chart'].forEach(function (id) {
        clear($(id));
        append($(id), el('p', { class: 'placeholder', text: 'Not available.' }));
      });
      clear($('rows'));
      $('result-count').textContent = 'No departures shown.';
      showNotice(err.message || String(err), 'error', function () { hideNotice(); start(); });
      document.documentElement.setAttribute('data-ready', 'error');
    });
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    if (resizeTimer) clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { if (state.all) renderTimeline(); }, 200);
  });

  document.addEventListener('DOMContentLoaded', function () {
    bindEvents();
    start();
  });
})();
