// Compare chart: draws the server's traces (already reduced with M4, so no dip is lost) with plotly.js; a group
// gets its min/max band as a filled area under the mean line. Zooming writes the x-range into the URL (so the
// share link reproduces the zoomed view) and re-fetches that range at full resolution from compare/traces,
// without reloading the page.
const box = document.querySelector('[data-compare-chart]');
if (box && window.Plotly) {
  const lines = (traces) => {
    const data = [];
    traces.forEach((t, i) => {
      const color = `hsl(${(i * 137) % 360} 65% 42%)`;
      if (t.lower && t.upper) {
        data.push({ x: t.x, y: t.upper, mode: 'lines', line: { width: 0 }, hoverinfo: 'skip', showlegend: false });
        data.push({ x: t.x, y: t.lower, mode: 'lines', line: { width: 0 }, fill: 'tonexty', fillcolor: color.replace(')', ' / 0.2)'),
          hoverinfo: 'skip', showlegend: false });
      }
      data.push({ x: t.x, y: t.y, mode: 'lines', name: t.seeds > 1 ? `${t.name} (${t.seeds} seeds)` : t.name, line: { color } });
    });
    return data;
  };
  const layout = (range) => ({
    margin: { t: 24, r: 16, b: 48, l: 56 }, yaxis: { title: { text: box.dataset.metric } }, legend: { orientation: 'h' },
    xaxis: range ? { title: { text: 'iteration' }, range, autorange: false } : { title: { text: 'iteration' } },
  });
  box.querySelector('[data-chart-fallback]')?.remove();
  Plotly.newPlot(box, lines(JSON.parse(box.dataset.traces)), layout(null), { responsive: true, displaylogo: false });
  box.dataset.drawn = 'true';
  let pending = 0;
  box.on('plotly_relayout', async (e) => {
    const url = new URL(window.location.href);
    let range = null;
    if (e['xaxis.autorange']) { url.searchParams.delete('from'); url.searchParams.delete('to'); }
    else if (e['xaxis.range[0]'] !== undefined) {
      range = [e['xaxis.range[0]'], e['xaxis.range[1]']];
      url.searchParams.set('from', Math.floor(range[0]));
      url.searchParams.set('to', Math.ceil(range[1]));
    } else return;
    if (box.dataset.tracesQuery === undefined) { window.location.assign(url); return; }
    window.history.replaceState(null, '', url);
    const share = document.querySelector('[data-copy-link] input');
    if (share) share.value = url.href;
    const query = new URLSearchParams(box.dataset.tracesQuery);
    ['from', 'to'].forEach((k) => { if (url.searchParams.has(k)) query.set(k, url.searchParams.get(k)); });
    const mine = ++pending;
    const response = await fetch(`compare/traces?${query}`);
    // A later zoom supersedes this one; its answer is drawn instead.
    if (!response.ok || mine !== pending) return;
    await Plotly.react(box, lines(await response.json()), layout(range));
    box.dataset.refetches = String(Number(box.dataset.refetches || 0) + 1);
  });
}
