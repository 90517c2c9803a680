// Compare chart: draws the server's traces (already reduced with M4, so no dip is lost) with plotly.js; a group
// gets its min/max band as a filled area under the mean line. Zooming writes the x-range into the URL and loads
// it, so the server re-reads that range at full resolution and the link reproduces the zoomed view.
const box = document.querySelector('[data-compare-chart]');
if (box && window.Plotly) {
  const traces = JSON.parse(box.dataset.traces);
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
  box.querySelector('[data-chart-fallback]')?.remove();
  Plotly.newPlot(box, data, {
    margin: { t: 24, r: 16, b: 48, l: 56 }, xaxis: { title: { text: 'iteration' } },
    yaxis: { title: { text: box.dataset.metric } }, legend: { orientation: 'h' },
  }, { responsive: true, displaylogo: false });
  box.dataset.drawn = 'true';
  box.on('plotly_relayout', (e) => {
    const url = new URL(window.location.href);
    if (e['xaxis.autorange']) { url.searchParams.delete('from'); url.searchParams.delete('to'); }
    else if (e['xaxis.range[0]'] !== undefined) {
      url.searchParams.set('from', Math.floor(e['xaxis.range[0]']));
      url.searchParams.set('to', Math.ceil(e['xaxis.range[1]']));
    } else return;
    window.location.assign(url);
  });
}
