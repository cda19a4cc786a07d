// The researchers' page, stories: the events Newswatch has linked (GET /api/stories), newest
// last seen first, each with its reports (language and outlet) in a disclosure. Plain DOM.
(function () {
  'use strict';
  const RTL = new Set(['ur', 'fa', 'ar', 'ps', 'sd', 'ckb']);
  const $ = (id) => document.getElementById(id);
  let cursor = null;

  function storyStatus(text) { $('stories-status').textContent = text; }

  async function api(path) {
    const key = ($('key').value || '').trim();
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + key } });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not a problem document */ }
      throw new Error(response.status === 401 ? 'Enter a valid API key first. (' + detail + ')' : detail);
    }
    return response.json();
  }

  function text(tag, value, cls) {
    const el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }

  function storyItem(story) {
    const li = document.createElement('li');
    li.dataset.id = story.id;
    const first = story.members[0] || {};
    const h = text('h3', first.title || story.id);
    h.setAttribute('dir', RTL.has(first.language) ? 'rtl' : 'auto');
    if (first.language) h.setAttribute('lang', first.language);
    li.append(h);
    const reports = story.memberCount === 1 ? '1 report' : story.memberCount + ' reports';
    li.append(text('p', [reports, 'languages: ' + story.languages.join(', '),
      story.places.length ? 'places: ' + story.places.join(', ') : null,
      'first seen ' + story.firstSeen.slice(0, 16).replace('T', ' '),
      'last seen ' + story.lastSeen.slice(0, 16).replace('T', ' ')].filter(Boolean).join(' · '), 'meta'));
    const details = document.createElement('details');
    details.append(text('summary', 'Reports in this story'));
    const ol = document.createElement('ol');
    ol.className = 'members';
    for (const m of story.members) {
      const item = document.createElement('li');
      const a = text('a', m.title || m.url);
      a.href = m.url; a.rel = 'noopener noreferrer';
      a.setAttribute('dir', RTL.has(m.language) ? 'rtl' : 'auto');
      if (m.language) a.setAttribute('lang', m.language);
      item.append(a, text('span', ' ' + [m.source, m.language].filter(Boolean).join(' · '), 'meta'));
      ol.append(item);
    }
    details.append(ol);
    li.append(details);
    return li;
  }

  async function load(more) {
    const list = $('stories');
    if (!more) { list.replaceChildren(); cursor = null; }
    storyStatus('Loading stories…');
    try {
      const p = new URLSearchParams({ limit: '20' });
      if (more && cursor) p.set('cursor', cursor);
      const lang = $('stories-lang').value;
      if (lang) p.set('lang', lang);
      const page = await api('/api/stories?' + p);
      page.items.forEach((s) => list.append(storyItem(s)));
      cursor = page.cursor;
      $('stories-more').hidden = !cursor;
      storyStatus(list.children.length === 0 ? 'No stories yet.' : list.children.length + ' stories shown.');
    } catch (e) {
      storyStatus(e.message);
    }
  }

  $('stories-load').addEventListener('click', () => load(false));
  $('stories-more').addEventListener('click', () => load(true));
  $('stories-lang').addEventListener('change', () => load(false));
})();
