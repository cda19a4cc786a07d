// The map of matches on the researchers' page: the border region drawn in SVG from the outline
// shipped in the jar (border-region.geojson; no map tiles are reachable), one dot per place the
// matching articles name, its area proportional to how many name it. Clicking a dot (or pressing
// Enter on it) filters the search by that place. Outline and coordinates are approximate.
(function () {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';
  const SCALE = 100; // SVG units per degree of latitude

  function el(name, attrs, text) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Equirectangular, with longitude shrunk by cos(mid-latitude) so the region keeps its shape. */
  function projection(bbox) {
    const [west, south, east, north] = bbox;
    const k = Math.cos(((south + north) / 2) * Math.PI / 180);
    return {
      width: (east - west) * k * SCALE,
      height: (north - south) * SCALE,
      xy: ([lon, lat]) => [(lon - west) * k * SCALE, (north - lat) * SCALE]
    };
  }

  function path(rings, xy) {
    return rings.map((ring) => ring.map((p, i) => (i ? 'L' : 'M') + xy(p).map((n) => n.toFixed(1)).join(' ')).join(' ')).join(' ');
  }

  /**
   * Creates the map in `container`. `pick(placeId)` is called when a place is chosen (or
   * null when the chosen one is clicked again). `fetchPlaces()` resolves to GET /api/places.
   */
  function create(container, fetchPlaces, pick) {
    let ready = null;
    let places = [];
    let svg = null;
    let proj = null;
    let dots = null;
    const provinces = new Map();

    async function load() {
      const outline = await (await fetch('/assets/border-region.geojson')).json();
      places = (await fetchPlaces()).items;
      proj = projection(outline.bbox);
      svg = el('svg', { viewBox: '0 0 ' + proj.width.toFixed(0) + ' ' + proj.height.toFixed(0), class: 'place-map-svg' });
      svg.append(el('rect', { x: 0, y: 0, width: proj.width, height: proj.height, class: 'land' }));
      for (const f of outline.features) {
        const g = f.geometry;
        const kind = f.properties.kind;
        if (g.type === 'Polygon') {
          const shape = el('path', { d: path(g.coordinates, proj.xy) + ' Z', class: kind });
          shape.append(el('title', {}, f.properties.name));
          if (f.properties.place) provinces.set(f.properties.place, shape);
          svg.append(shape);
        } else if (g.type === 'LineString') {
          const line = el('path', { d: path([g.coordinates], proj.xy), class: kind });
          line.append(el('title', {}, f.properties.name + ' (approximate)'));
          svg.append(line);
        } else if (g.type === 'Point') {
          const [x, y] = proj.xy(g.coordinates);
          svg.append(el('text', { x, y, class: 'country-label' }, f.properties.name));
        }
      }
      dots = el('g', { class: 'dots' });
      svg.append(dots);
      container.replaceChildren(svg);
    }

    function choose(id, selected) { pick(selected === id ? null : id); }

    function activate(node, id, selected) {
      node.setAttribute('tabindex', '0');
      node.setAttribute('role', 'button');
      node.setAttribute('aria-pressed', String(selected === id));
      node.addEventListener('click', () => choose(id, selected));
      node.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(id, selected); }
      });
    }

    /** Draws the counts of one search: `counts` is the place facet (id → articles), `selected` the filter. */
    async function update(counts, selected) {
      if (!ready) ready = load();
      await ready;
      counts = counts || {};
      const max = Math.max(1, ...Object.values(counts));
      dots.replaceChildren();
      let drawn = 0;
      // Largest first, so a small dot is never hidden under a large one.
      const ordered = [...places].sort((a, b) => (counts[b.id] || 0) - (counts[a.id] || 0));
      for (const p of ordered) {
        const n = counts[p.id] || 0;
        if (p.kind === 'region' && provinces.has(p.id)) {
          // A province is shaded, not dotted: a dot at its middle would say a town.
          const shape = provinces.get(p.id).cloneNode(true);
          shape.setAttribute('class', 'province-match' + (selected === p.id ? ' selected' : ''));
          shape.setAttribute('fill-opacity', n ? (0.12 + 0.4 * n / max).toFixed(2) : '0');
          shape.dataset.place = p.id;
          shape.dataset.count = String(n);
          shape.querySelector('title').textContent = p.name + ': ' + n + ' articles';
          shape.setAttribute('aria-label', p.name + ': ' + n + ' articles');
          if (n) activate(shape, p.id, selected);
          dots.prepend(shape);
          continue;
        }
        const [x, y] = proj.xy([p.lon, p.lat]);
        if (!n) {
          dots.append(el('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 3, class: 'place-idle' }));
          continue;
        }
        // Area, not radius, proportional to the count.
        const r = 6 + 22 * Math.sqrt(n / max);
        const g = el('g', { class: 'place-dot' + (selected === p.id ? ' selected' : ''), 'data-place': p.id, 'data-count': n,
          'aria-label': p.name + ': ' + n + (n === 1 ? ' article' : ' articles') });
        g.append(el('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1) }),
          el('text', { x: (x + r + 3).toFixed(1), y: (y + 5).toFixed(1) }, p.name + ' ' + n),
          el('title', {}, p.name + ' (' + p.kind + ', ' + p.country + '): ' + n + (n === 1 ? ' article' : ' articles')));
        activate(g, p.id, selected);
        dots.append(g);
        drawn++;
      }
      container.dataset.dots = String(drawn);
      return places;
    }

    return { update, places: () => places };
  }

  window.NewswatchPlaceMap = { create };
}());
