// The joint-action network on /cluster/network, drawn on a canvas. The server lays the network out and cuts what is
// drawn (GET /api/cluster/network/graph); this script only draws points and lines, pans, zooms and asks for a
// neighbourhood (focus) or a community (group). The page works without it: the same numbers are in its tables.
(function () {
  'use strict';
  const root = document.getElementById('network-graph');
  if (!root) return;
  const canvas = root.querySelector('canvas');
  const info = root.querySelector('.graph-info');
  const legendBox = root.querySelector('.graph-legend');
  const search = root.querySelector('input[name=graph-search]');
  const sizeSelect = root.querySelector('select[name=graph-size]');
  const back = root.querySelector('button.graph-back');
  const ctx = canvas.getContext('2d');
  const base = root.dataset.src;
  let data = null, colours = {}, view = { scale: 1, x: 0, y: 0 }, fitScale = 1, hover = null, labelled = new Set();

  root.hidden = false;

  function url(extra) {
    const u = new URL(base, window.location.origin);
    u.searchParams.set('size', sizeSelect.value);
    for (const [k, v] of Object.entries(extra || {})) u.searchParams.set(k, v);
    return u;
  }

  async function load(extra) {
    info.textContent = root.dataset.loading || 'Loading…';
    const r = await fetch(url(extra), { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    const body = await r.json();
    if (!r.ok) { info.textContent = body.detail || body.title || ('HTTP ' + r.status); root.dataset.error = body.code || 'error'; return; }
    delete root.dataset.error;
    data = body.drawing;
    colours = {};
    for (const t of data.legend) colours[t.type] = t.colour;
    root.dataset.view = data.view;
    root.dataset.nodes = String(data.nodes.length);
    root.dataset.focus = data.focus || '';
    // [hidden] loses to the site's button display rule, so the style is set directly
    back.style.display = data.view === 'focus' || data.view === 'group' ? '' : 'none';
    const ranked = items().slice().sort((a, b) => (b.size ?? b.members) - (a.size ?? a.members));
    labelled = new Set(ranked.slice(0, 12));
    fit();
    legend();
    describe();
    draw();
  }

  function items() {
    return data.view === 'groups' ? data.groups : data.nodes;
  }

  function fit() {
    const w = canvas.clientWidth, h = canvas.clientHeight;
    canvas.width = w * devicePixelRatio; canvas.height = h * devicePixelRatio;
    const pts = items();
    if (pts.length === 0) { view = { scale: 1, x: 0, y: 0 }; return; }
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const p of pts) { x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y); }
    const span = Math.max(x1 - x0, y1 - y0, 1e-6);
    const scale = 0.9 * Math.min(w, h) / span;
    view = { scale, x: w / 2 - scale * (x0 + x1) / 2, y: h / 2 - scale * (y0 + y1) / 2 };
    fitScale = scale;
  }

  function screen(p) { return [view.x + view.scale * p.x, view.y + view.scale * p.y]; }

  function radius(p) {
    if (data.view === 'groups') {
      const max = Math.max(...data.groups.map(g => g.members));
      return 4 + 26 * Math.sqrt(p.members / max);
    }
    const max = Math.max(...data.nodes.map(n => n.size), 1e-12);
    return 2.5 + 12 * Math.sqrt(Math.max(0, p.size) / max);
  }

  function draw() {
    const w = canvas.clientWidth, h = canvas.clientHeight;
    ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!data) return;
    const pts = items();
    const edges = data.view === 'groups' ? data.groupEdges : data.edges;
    const maxW = Math.max(...edges.map(e => e.w), 1e-12);
    ctx.strokeStyle = 'rgba(90,90,90,0.35)';
    for (const e of edges) {
      const a = screen(pts[data.view === 'groups' ? e.s : e.s]), b = screen(pts[e.t]);
      ctx.lineWidth = data.view === 'groups' ? 0.5 + 6 * e.w / maxW : 0.4 + 2 * e.w / maxW;
      ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke();
    }
    for (const p of pts) {
      const [x, y] = screen(p);
      if (x < -40 || y < -40 || x > w + 40 || y > h + 40) continue;
      ctx.beginPath(); ctx.arc(x, y, radius(p), 0, 2 * Math.PI);
      ctx.fillStyle = colours[p.type] || '#888'; ctx.fill();
      const focused = data.focus && p.key === data.focus;
      if (focused || p === hover) { ctx.lineWidth = 2; ctx.strokeStyle = '#111'; ctx.stroke(); ctx.strokeStyle = 'rgba(90,90,90,0.35)'; }
      if (focused || p === hover || labelled.has(p) || view.scale > 4 * fitScale) {
        ctx.fillStyle = '#111'; ctx.font = '12px sans-serif';
        ctx.fillText(data.view === 'groups' ? p.label + ' (' + p.members + ')' : p.name, x + radius(p) + 2, y + 4);
      }
    }
  }

  function legend() {
    const used = new Set(items().map(p => p.type));
    legendBox.replaceChildren(...data.legend.filter(t => used.has(t.type)).map(t => {
      const s = document.createElement('span');
      s.className = 'graph-key';
      const dot = document.createElement('i');
      dot.style.cssText = 'display:inline-block;width:10px;height:10px;border-radius:50%;margin:0 2px 0 10px;background:' + t.colour;
      s.append(dot, ' ' + t.name);
      return s;
    }));
  }

  function describe() {
    const d = root.dataset;
    if (data.view === 'groups')
      info.textContent = (d.groupsText || '{0} enablers: {1} communities shown; click one to open it.')
        .replace('{0}', data.nodeCount).replace('{1}', data.groups.length);
    else if (data.view === 'focus')
      info.textContent = (d.focusText || '{0} and its {1} neighbours.').replace('{0}', data.nodes[0].name).replace('{1}', data.nodes.length - 1);
    else
      info.textContent = (d.allText || '{0} enablers, {1} ties.').replace('{0}', data.nodes.length).replace('{1}', data.edges.length);
  }

  function at(ev) {
    const r = canvas.getBoundingClientRect();
    const mx = ev.clientX - r.left, my = ev.clientY - r.top;
    let best = null, bestD = Infinity;
    for (const p of items()) {
      const [x, y] = screen(p);
      const d = Math.hypot(x - mx, y - my);
      if (d <= radius(p) + 3 && d < bestD) { best = p; bestD = d; }
    }
    return best;
  }

  let drag = null, moved = false;
  canvas.addEventListener('mousedown', ev => { drag = [ev.clientX, ev.clientY, view.x, view.y]; moved = false; });
  window.addEventListener('mouseup', () => { drag = null; });
  canvas.addEventListener('mousemove', ev => {
    if (drag) {
      if (Math.abs(ev.clientX - drag[0]) + Math.abs(ev.clientY - drag[1]) > 3) moved = true;
      view.x = drag[2] + ev.clientX - drag[0]; view.y = drag[3] + ev.clientY - drag[1]; draw(); return;
    }
    const p = data && at(ev);
    if (p !== hover) { hover = p; canvas.title = p ? (p.name || p.label) : ''; draw(); }
  });
  canvas.addEventListener('wheel', ev => {
    ev.preventDefault();
    const r = canvas.getBoundingClientRect();
    const mx = ev.clientX - r.left, my = ev.clientY - r.top;
    const f = Math.exp(-ev.deltaY / 400);
    view.x = mx - f * (mx - view.x); view.y = my - f * (my - view.y); view.scale *= f;
    draw();
  }, { passive: false });
  canvas.addEventListener('click', ev => {
    if (moved || !data) return;
    const p = at(ev);
    if (!p) return;
    if (data.view === 'groups') load({ group: p.id });
    else load({ focus: p.key });
  });
  root.querySelector('form.graph-search').addEventListener('submit', ev => {
    ev.preventDefault();
    if (search.value.trim()) load({ focus: search.value.trim() });
  });
  sizeSelect.addEventListener('change', () => load(data && data.focus ? { focus: data.focus } : data && data.group != null ? { group: data.group } : {}));
  back.addEventListener('click', () => load({}));
  // for browser tests: where the largest community is drawn on the canvas
  window.archipelagoNetwork = {
    screenOfFirstGroup: () => { const g = data.groups.slice().sort((a, b) => b.members - a.members)[0]; return screen(g); },
  };
  window.addEventListener('resize', () => { if (data) { fit(); draw(); } });
  load(root.dataset.focusStart ? { focus: root.dataset.focusStart } : {});
})();
