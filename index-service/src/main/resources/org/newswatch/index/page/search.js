// The researchers' page: plain DOM and fetch, no framework. The API key stays in this tab's
// sessionStorage and goes out only as a Bearer header to this same server.
(function () {
  'use strict';
  const RTL = new Set(['ur', 'fa', 'ar', 'ps', 'sd', 'ckb']);
  const $ = (id) => document.getElementById(id);
  const form = $('search-form');
  const keyInput = $('key');
  let chart = null;
  let nextCursor = null;

  keyInput.value = sessionStorage.getItem('newswatch.key') || '';
  keyInput.addEventListener('change', () => sessionStorage.setItem('newswatch.key', keyInput.value.trim()));

  function status(text) { $('status').textContent = text; }

  function params(extra) {
    const p = new URLSearchParams();
    for (const name of ['q', 'source', 'lang', 'place', 'from', 'to', 'sort']) {
      const v = $(name).value.trim();
      if (v) p.set(name, v);
    }
    for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
    return p;
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + keyInput.value.trim() } });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not a problem document */ }
      throw new Error(response.status === 401 ? 'Enter a valid API key first. (' + detail + ')' : detail);
    }
    return response;
  }

  /** Direction for text in a language: right-to-left for Urdu, Persian, Arabic; else let the browser decide. */
  function direct(el, language) {
    el.setAttribute('dir', RTL.has(language) ? 'rtl' : 'auto');
    if (language && language !== 'und') el.setAttribute('lang', language);
  }

  function hitItem(hit) {
    const li = document.createElement('li');
    const h = document.createElement('h3');
    const a = document.createElement('a');
    a.href = hit.url; a.textContent = hit.title || hit.url; a.rel = 'noopener noreferrer';
    direct(h, hit.language);
    h.append(a);
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = [hit.source, hit.language, (hit.publishedAt || '').slice(0, 10)].filter(Boolean).join(' · ') + ' · ';
    const view = document.createElement('button');
    view.type = 'button'; view.textContent = 'View article';
    view.setAttribute('aria-label', 'View article: ' + (hit.title || hit.id));
    view.addEventListener('click', () => openArticle(hit.id));
    meta.append(view);
    const snippet = document.createElement('p');
    snippet.className = 'snippet';
    direct(snippet, hit.language);
    snippet.innerHTML = hit.snippet; // escaped by the server; only <mark> is markup
    li.append(h, meta, snippet);
    return li;
  }

  const placeMap = NewswatchPlaceMap.create($('place-map'), async () => (await api('/api/places')).json(),
    (id) => { $('place').value = id || ''; search(false); });
  const placeName = (id) => (placeMap.places().find((p) => p.id === id) || { name: id }).name;

  function facetList(ul, counts, input, label) {
    ul.replaceChildren();
    for (const [value, count] of Object.entries(counts || {})) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = (label ? label(value) : value) + ' (' + count + ')';
      b.setAttribute('aria-pressed', String(input.value === value));
      b.dataset.value = value;
      b.addEventListener('click', () => { input.value = input.value === value ? '' : value; search(); });
      li.append(b);
      ul.append(li);
    }
  }

  function drawTimeline(timeline) {
    const days = timeline.buckets.map((b) => b.start.slice(0, 10));
    const counts = timeline.buckets.map((b) => b.count);
    const div = $('timeline');
    if (!chart) chart = echarts.init(div, null, { renderer: 'canvas' });
    chart.setOption({
      aria: { enabled: true },
      animation: false,
      grid: { left: 40, right: 10, top: 10, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: 'articles', data: counts, itemStyle: { color: '#1a5fb4' } }]
    }, true);
    div.dataset.points = String(days.length);
    div.setAttribute('aria-label', 'Matches per ' + timeline.interval + ': ' + timeline.total + ' articles over ' + days.length + ' ' + timeline.interval + 's');
    const body = $('timeline-table').tBodies[0];
    body.replaceChildren(...timeline.buckets.map((b) => {
      const tr = document.createElement('tr');
      const d = document.createElement('td'); d.textContent = b.start.slice(0, 10);
      const c = document.createElement('td'); c.textContent = String(b.count);
      tr.append(d, c);
      return tr;
    }));
  }

  async function search(more) {
    try {
      status(more ? 'Loading more…' : 'Searching…');
      const p = params({ size: '20' });
      if (more && nextCursor) p.set('cursor', nextCursor);
      const result = await (await api('/api/search?' + p)).json();
      if (!more) {
        $('results').replaceChildren();
        facetList($('facet-source'), result.facets.source, $('source'));
        facetList($('facet-language'), result.facets.language, $('lang'));
        $('source-list').replaceChildren(...Object.keys(result.facets.source || {}).map((s) => new Option(s)));
        const places = await placeMap.update(result.facets.place, $('place').value);
        if ($('place').options.length === 1) $('place').append(...places.map((p) => new Option(p.name + ' (' + p.country + ')', p.id)));
        facetList($('facet-place'), result.facets.place, $('place'), placeName);
        const timeline = await (await api('/api/timeline?' + params({ interval: 'day' }))).json();
        $('overview').hidden = false;
        drawTimeline(timeline);
      }
      $('results').append(...result.hits.map(hitItem));
      nextCursor = result.cursor;
      $('more').hidden = !nextCursor;
      const shown = $('results').children.length;
      status(result.total + ' articles match' + (shown < result.total ? '; showing ' + shown : '') + (result.partial ? ' (time limit reached: partial)' : '') + '.');
    } catch (e) {
      status(e.message);
    }
  }

  async function exportAs(format) {
    try {
      status('Exporting…');
      // A CSV from the page is opened in a spreadsheet: Excel needs the byte-order mark to read
      // UTF-8 (Urdu and Persian) as UTF-8.
      const extra = format === 'csv' ? { format, bom: 'true' } : { format };
      const response = await api('/api/export?' + params(extra));
      const blob = await response.blob();
      const text = await blob.text();
      const rows = text.split('\n').filter((l) => l.length > 0).length - (format === 'csv' ? 1 : 0);
      const link = $('download');
      if (link.href) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(blob);
      link.download = 'newswatch-export.' + format;
      link.textContent = 'Download ' + link.download;
      link.hidden = false;
      status('Exported ' + rows + ' rows (' + format.toUpperCase() + ').');
      link.click();
    } catch (e) {
      status(e.message);
    }
  }

  async function openArticle(id) {
    try {
      const a = await (await api('/api/articles/' + encodeURIComponent(id))).json();
      $('article-title').textContent = a.title;
      direct($('article-title'), a.language);
      $('article-meta').textContent = [a.source, a.language, (a.publishedAt || '').slice(0, 16).replace('T', ' ') + ' UTC', (a.authors || []).join(', ')].filter(Boolean).join(' · ');
      $('article-link').href = a.url;
      const body = $('article-body');
      direct(body, a.language);
      body.replaceChildren(...a.body.split(/\n+/).map((para) => { const p = document.createElement('p'); p.textContent = para; return p; }));
      const similar = await (await api('/api/articles/' + encodeURIComponent(id) + '/similar?size=5')).json();
      $('similar').replaceChildren(...similar.hits.map((h) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button'; b.textContent = h.title || h.id;
        direct(li, h.language);
        b.addEventListener('click', () => openArticle(h.id));
        li.append(b);
        return li;
      }));
      const dialog = $('article');
      if (!dialog.open) dialog.showModal();
      $('article-title').focus();
    } catch (e) {
      status(e.message);
    }
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); search(false); });
  for (const id of ['lang', 'place', 'sort', 'from', 'to']) $(id).addEventListener('change', () => search(false));
  $('more').addEventListener('click', () => search(true));
  $('export-csv').addEventListener('click', () => exportAs('csv'));
  $('export-jsonl').addEventListener('click', () => exportAs('jsonl'));
  $('article-title').tabIndex = -1;
  window.addEventListener('resize', () => chart && chart.resize());
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) { $('q').value = initial; search(false); }
}());
