// Run page charts (plotly.js): accuracy of every task with task phases shaded and boundaries marked, the
// derived continual metrics, and the accuracy matrix at any iteration. Live: new points arrive over the run's
// Server-Sent Events. Zooming re-fetches the visible range from the dip-preserving (M4) series endpoint, so a
// one-iteration drop stays visible at every zoom level. View state (x-axis, range, tasks) lives in the URL.
const root = document.querySelector('[data-run-charts]');
const Plotly = window.Plotly;
const POINTS = 2000;              // per series and request; the endpoint keeps every bucket's min and max

if (root && Plotly) {
  const runId = root.dataset.runId;
  const api = `api/runs/${runId}`;
  const ints = (s) => (s || '').split(',').filter((v) => v !== '').map(Number);
  const state = {
    taskRelative: root.dataset.x === 'task',
    from: root.dataset.from ? Number(root.dataset.from) : null,
    to: root.dataset.to ? Number(root.dataset.to) : null,
    tasks: ints(root.dataset.tasks),
    allTasks: ints(root.dataset.allTasks),
    boundaries: ints(root.dataset.boundaries),
    series: new Map(),   // task -> {x: [], y: []} in iterations
    lastIteration: 0,
  };
  const status = root.querySelector('[data-charts-status]');
  const chart = (name) => root.querySelector(`[data-chart="${name}"]`);
  const visibleTasks = () => (state.tasks.length ? state.allTasks.filter((t) => state.tasks.includes(t)) : state.allTasks);

  // Task-relative x: task index + fraction of that task's iterations (boundaries b_k end task k).
  const toX = (iteration) => {
    if (!state.taskRelative) return iteration;
    let start = 0;
    for (let k = 0; k < state.boundaries.length; k++) {
      const end = state.boundaries[k];
      if (iteration <= end) return k + (end > start ? (iteration - start) / (end - start) : 0);
      start = end;
    }
    const k = state.boundaries.length;
    const length = k > 0 ? state.boundaries[k - 1] - (k > 1 ? state.boundaries[k - 2] : 0) : Math.max(state.lastIteration, 1);
    return k + (iteration - start) / Math.max(length, 1);
  };
  const xTitle = () => (state.taskRelative ? 'task (index + fraction of the task)' : 'iteration');

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }

  async function fetchSeries(task, from, to) {
    const q = new URLSearchParams({ name: 'accuracy', task: String(task), points: String(POINTS) });
    if (from != null) q.set('from', String(Math.floor(from)));
    if (to != null) q.set('to', String(Math.ceil(to)));
    const s = await getJson(`${api}/series?${q}`);
    return { x: s.iterations, y: s.values };
  }

  // Shaded training phases and dashed boundary lines, in the current x units.
  function phaseShapes() {
    const shapes = [];
    let start = 0;
    state.boundaries.forEach((b, k) => {
      shapes.push({ type: 'rect', xref: 'x', yref: 'paper', x0: toX(start), x1: toX(b), y0: 0, y1: 1,
        fillcolor: k % 2 ? 'rgba(13,110,253,0.06)' : 'rgba(25,135,84,0.06)', line: { width: 0 }, layer: 'below' });
      shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: toX(b), x1: toX(b), y0: 0, y1: 1,
        line: { color: '#6c757d', width: 1, dash: 'dash' } });
      start = b;
    });
    return shapes;
  }
  const boundaryLabels = () => state.boundaries.map((b, k) => ({ x: toX(b), y: 1, yref: 'paper', yanchor: 'bottom',
    text: `end of task ${k}`, showarrow: false, font: { size: 10 } }));

  function layout(title, yTitle, extra = {}) {
    const range = state.from != null && state.to != null ? [toX(state.from), toX(state.to)] : undefined;
    return { title: { text: title, font: { size: 14 } }, margin: { t: 40, r: 10, b: 45, l: 50 }, height: 320,
      xaxis: { title: { text: xTitle() }, range, autorange: range ? false : true },
      yaxis: { title: { text: yTitle } }, legend: { orientation: 'h', y: -0.25 }, shapes: phaseShapes(),
      annotations: boundaryLabels(), ...extra };
  }
  const config = { responsive: true, displaylogo: false };

  function accuracyTraces() {
    return visibleTasks().map((t) => {
      const s = state.series.get(t) || { x: [], y: [] };
      return { name: `task ${t}`, x: s.x.map(toX), y: s.y, mode: 'lines', type: 'scattergl', line: { width: 1.5 } };
    });
  }

  async function drawAccuracy() {
    const tasks = visibleTasks();
    const loaded = await Promise.all(tasks.map((t) => fetchSeries(t, state.from, state.to)));
    tasks.forEach((t, i) => state.series.set(t, loaded[i]));
    for (const s of loaded) if (s.x.length) state.lastIteration = Math.max(state.lastIteration, s.x[s.x.length - 1]);
    await Plotly.react(chart('accuracy'), accuracyTraces(),
      layout('Accuracy of every task', 'accuracy', { yaxis: { title: { text: 'accuracy' }, range: [0, 1.02] } }), config);
    root.dataset.accuracyPoints = String(loaded.reduce((n, s) => n + s.x.length, 0));
    root.dataset.boundaryMarkers = String(state.boundaries.length);
  }

  // Derived metrics (METRICS.md S7). A running run's stream sends a `metrics` event after every write: the
  // server's evaluator for the run catches up once for all viewers, and each event carries only the
  // per-iteration rows this page lacks. A finished run's report is fetched once (its log checked as complete).
  let report = null;
  let metricsProblem = null;
  // Each derived metric is kept as its own curve of settled rows, bounded like the accuracy series: past
  // MAX_CURVE points it is reduced by M4 (every bucket keeps its first, last, minimum and maximum), so a dip
  // is never lost however long the run. Rows after the settled ones are replaced by every event.
  const MAX_CURVE = 8000;
  const METRICS = ['avg_acc_seen', 'min_acc', 'wc_acc', 'forg', 'bwt', 'wf', 'wp'];
  let curves = new Map();
  let settledRows = 0;
  let pending = [];
  function resetCurves() {
    curves = new Map(METRICS.map((key) => [key, { x: [], y: [] }]));
    settledRows = 0;
    pending = [];
  }
  resetCurves();
  function addRows(rows) {
    for (const key of METRICS) {
      const c = curves.get(key);
      for (const r of rows) { c.x.push(r.iteration); c.y.push(r[key]); }
      if (c.x.length > MAX_CURVE) curves.set(key, m4(c, MAX_CURVE / 8));
    }
  }
  function m4(c, buckets) {
    const x0 = c.x[0];
    const width = (c.x[c.x.length - 1] - x0 + 1) / buckets;
    const out = { x: [], y: [] };
    let i = 0;
    while (i < c.x.length) {
      const bucket = Math.floor((c.x[i] - x0) / width);
      const keep = new Set([i]);
      let lo = -1; let hi = -1; let last = i;
      for (; i < c.x.length && Math.floor((c.x[i] - x0) / width) === bucket; i++) {
        last = i;
        if (c.y[i] == null) continue;
        if (lo < 0 || c.y[i] < c.y[lo]) lo = i;
        if (hi < 0 || c.y[i] > c.y[hi]) hi = i;
      }
      for (const j of [lo, hi, last]) if (j >= 0) keep.add(j);
      for (const j of [...keep].sort((a, b) => a - b)) { out.x.push(c.x[j]); out.y.push(c.y[j]); }
    }
    return out;
  }
  function applyMetrics(event) {
    metricsProblem = event.problem;
    if (event.report) {
      // A new connection starts again from row 0; otherwise the event starts where the settled rows end.
      // A long run's first event brings its history as reduced curves, and rows only from first_row on.
      if (event.curves) {
        resetCurves();
        for (const key of METRICS) curves.set(key, { x: [...event.curves[key].x], y: [...event.curves[key].y] });
      } else if (event.first_row === 0 || event.first_row !== settledRows) {
        resetCurves();
      }
      const rows = event.report.per_iteration;
      const settled = event.settled_rows - event.first_row;
      addRows(rows.slice(0, settled));
      pending = rows.slice(settled);
      settledRows = event.settled_rows;
      report = event.report;
    }
    scheduleDraw();
  }
  async function fetchMetrics() {
    try {
      report = await getJson(`${api}/cl-metrics`);
      resetCurves();
      addRows(report.per_iteration || []);
      settledRows = (report.per_iteration || []).length;
      metricsProblem = null;
    } catch (error) {
      metricsProblem = `the metrics could not be computed (${error.message})`;
    }
    await drawMetrics();
  }
  // A busy run sends many events a second: the live charts are redrawn together at most every DRAW_MS
  // (inside the 0.5 s target), and the page is left idle at least twice as long as a redraw took, rendered
  // frame included, so a fast run never saturates the browser.
  const DRAW_MS = 250;
  let drawPending = false;
  let accuracyDirty = false;
  let nextDraw = 0;
  function scheduleDraw() {
    if (drawPending) return;
    drawPending = true;
    setTimeout(async () => {
      const started = Date.now();
      try {
        if (accuracyDirty) {
          accuracyDirty = false;
          await Plotly.react(chart('accuracy'), accuracyTraces(), chart('accuracy').layout, config);
          root.dataset.accuracyPoints = String([...state.series.values()].reduce((n, s) => n + s.x.length, 0));
        }
        await drawMetrics();
        await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      } finally {
        const took = Date.now() - started;
        nextDraw = Date.now() + Math.max(DRAW_MS - took, 2 * took);
        drawPending = false;
      }
    }, Math.max(0, nextDraw - Date.now()));
  }
  async function drawMetrics() {
    root.dataset.metricRows = String(settledRows + pending.length);
    drawGapTable();
    if (!report) return;
    const line = (name, key) => {
      const c = curves.get(key);
      return { name, x: c.x.concat(pending.map((r) => r.iteration)).map(toX), y: c.y.concat(pending.map((r) => r[key])),
        mode: 'lines', type: 'scattergl' };
    };
    await Plotly.react(chart('summary'), [line('avg-ACC (seen tasks)', 'avg_acc_seen'), line('min-ACC', 'min_acc'), line('WC-ACC', 'wc_acc')],
      layout('Average, minimum and worst-case accuracy', 'accuracy'), config);
    await Plotly.react(chart('forgetting'), [line('forgetting', 'forg'), line('BWT', 'bwt'), line('WF', 'wf'), line('WP', 'wp')],
      layout('Forgetting, BWT, WF and WP', 'fraction'), config);
    setupMatrix();
  }

  // The stability-gap table follows the report (ContinualDash's own descriptors, METRICS.md S3.10).
  const pct = (v) => (v == null ? '—' : `${(v * 100).toFixed(1)} %`);
  const int = (v) => (v == null ? '—' : String(v));
  function drawGapTable() {
    const table = document.querySelector('[data-gap-table]');
    const empty = document.querySelector('[data-gap-empty]');
    if (!table || !empty) return;
    const gaps = report ? report.stability_gap : [];
    const body = table.querySelector('tbody');
    body.replaceChildren(...gaps.map((g) => {
      const tr = document.createElement('tr');
      for (const text of [g.task, g.during_task, pct(g.acc_at_prev_boundary), pct(g.min_acc), pct(g.depth), int(g.min_iteration),
        pct(g.acc_at_boundary), pct(g.recovered), int(g.recovery_iteration)]) {
        const td = document.createElement('td');
        td.textContent = String(text);
        tr.appendChild(td);
      }
      return tr;
    }));
    table.parentElement.hidden = gaps.length === 0;
    empty.hidden = gaps.length > 0;
    if (!gaps.length) {
      empty.textContent = metricsProblem ? `Not available yet: ${metricsProblem}`
        : 'No rows yet: the stability gap needs a finished task and an evaluation of it while a later task trains.';
    }
  }

  // The matrix at iteration t: rows are finished tasks (R at their boundary) plus, during a task, the row
  // "now" holding each seen task's latest evaluation at or before t (one M4 bucket keeps a window's last point).
  const slider = root.querySelector('[data-matrix-slider]');
  const output = root.querySelector('[data-matrix-at]');
  function setupMatrix() {
    if (!report || !report.num_tasks) return;
    root.querySelector('[data-matrix-controls]').hidden = false;
    const follow = Number(slider.value) >= Number(slider.max);
    slider.max = String(state.lastIteration);
    if (follow || !slider.dataset.touched) slider.value = String(state.lastIteration);
    drawMatrix(Number(slider.value));
  }
  async function drawMatrix(t) {
    output.textContent = String(t);
    const T = report.num_tasks;
    const finished = state.boundaries.filter((b) => b <= t).length;
    const z = [];
    const labels = [];
    for (let k = 0; k < finished; k++) { z.push(report.R[k] ?? new Array(T).fill(null)); labels.push(`after task ${k}`); }
    if (finished < T) {
      const row = await Promise.all([...Array(T).keys()].map(async (i) => {
        if (i > finished) return null;
        // Following the newest iteration: the live series already hold each task's latest value.
        const s = state.series.get(i);
        if (t >= state.lastIteration && state.from == null && s && s.y.length) return s.y[s.y.length - 1];
        const q = new URLSearchParams({ name: 'accuracy', task: String(i), from: '0', to: String(t), points: '4' });
        const fetched = await getJson(`${api}/series?${q}`).catch(() => null);
        return fetched && fetched.values.length ? fetched.values[fetched.values.length - 1] : null;
      }));
      z.push(row);
      labels.push(`at iteration ${t}`);
    }
    await Plotly.react(chart('matrix'), [{ type: 'heatmap', z, x: [...Array(T).keys()].map((i) => `task ${i}`), y: labels,
      zmin: 0, zmax: 1, colorscale: 'Viridis', hovertemplate: '%{y}, %{x}: %{z:.3f}<extra></extra>' }],
    { title: { text: 'Accuracy matrix R (rows: after each task; last row: now)', font: { size: 14 } },
      margin: { t: 40, r: 10, b: 40, l: 110 }, height: 300, yaxis: { autorange: 'reversed' } }, config);
  }
  let matrixTimer = 0;
  slider.addEventListener('input', () => {
    slider.dataset.touched = 'true';
    output.textContent = slider.value;
    clearTimeout(matrixTimer);
    matrixTimer = setTimeout(() => drawMatrix(Number(slider.value)), 150);
  });

  // Zoom: re-fetch the range at full resolution, and keep it in the URL so a shared link shows the same view.
  const fromX = (x) => {
    if (!state.taskRelative) return x;
    const k = Math.max(0, Math.floor(x));
    const start = k > 0 ? state.boundaries[k - 1] ?? state.lastIteration : 0;
    const end = state.boundaries[k] ?? state.lastIteration;
    return start + (x - k) * (end - start);
  };
  function saveUrl() {
    const url = new URL(window.location.href);
    for (const [key, value] of [['from', state.from], ['to', state.to]]) {
      if (value == null) url.searchParams.delete(key); else url.searchParams.set(key, String(Math.round(value)));
    }
    window.history.replaceState(null, '', url);
    const share = document.querySelector('[data-share-link]');
    if (share) share.href = url.pathname.replace(/^\//, '') + url.search;
  }
  function onZoom(e) {
    if (e['xaxis.autorange']) { state.from = null; state.to = null; }
    else if (e['xaxis.range[0]'] != null) { state.from = Math.max(0, fromX(e['xaxis.range[0]'])); state.to = fromX(e['xaxis.range[1]']); }
    else return;
    saveUrl();
    drawAccuracy().then(() => { root.dataset.refetches = String(Number(root.dataset.refetches || 0) + 1); });
  }

  // Live updates: points after the ones the page was rendered with; boundaries and status as they happen.
  function live() {
    const events = new EventSource(`${api}/events?after=${root.dataset.after}`);
    events.addEventListener('points', (e) => {
      const zoomed = state.from != null;
      for (const p of JSON.parse(e.data)) {
        state.lastIteration = Math.max(state.lastIteration, p.iteration);
        if (p.name !== 'accuracy' || p.task == null || zoomed) continue;
        if (!state.allTasks.includes(p.task)) { state.allTasks.push(p.task); state.allTasks.sort((a, b) => a - b); }
        if (!state.series.has(p.task)) state.series.set(p.task, { x: [], y: [] });
        const s = state.series.get(p.task);
        s.x.push(p.iteration); s.y.push(p.value);
        if (s.x.length > 2 * MAX_CURVE) state.series.set(p.task, m4(s, MAX_CURVE / 4));
      }
      if (!zoomed) {
        accuracyDirty = true;
        scheduleDraw();
      }
    });
    events.addEventListener('metrics', (e) => applyMetrics(JSON.parse(e.data)));
    events.addEventListener('boundary', (e) => {
      const b = JSON.parse(e.data);
      if (state.boundaries[b.task] === b.iteration) return;
      state.boundaries[b.task] = b.iteration;
      Plotly.relayout(chart('accuracy'), { shapes: phaseShapes(), annotations: boundaryLabels() });
      root.dataset.boundaryMarkers = String(state.boundaries.length);
    });
    events.addEventListener('status', (e) => {
      const s = JSON.parse(e.data).status;
      const badge = document.querySelector('[data-run-status]');
      if (badge && s) { badge.textContent = s; badge.className = `badge status-${s.toLowerCase()}`; }
      if (s && !['Queued', 'Running'].includes(s)) { events.close(); fetchMetrics(); }
    });
    window.addEventListener('pagehide', () => events.close());
  }
  (async () => {
    try {
      await drawAccuracy();
      if (root.dataset.final === 'true') await fetchMetrics();
      chart('accuracy').on('plotly_relayout', onZoom);
      status.textContent = '';
      status.hidden = true;
      if (root.dataset.final !== 'true') live();
    } catch (error) {
      status.textContent = `The charts could not be loaded (${error.message}); reload to try again.`;
      status.classList.add('text-danger');
    }
  })();
}
