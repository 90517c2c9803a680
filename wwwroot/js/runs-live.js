// Live status badges on the runs list and an experiment's runs: listens to /api/runs/events (Server-Sent Events) and updates the
// badge of each listed run; runs that are not listed yet are announced with a reload link.
const list = document.querySelector('[data-runs-live]');
if (list) {
  const notice = document.querySelector('[data-runs-new]');
  const events = new EventSource(list.dataset.runsLive);
  let unseen = 0;
  const show = ({ runId, status }) => {
    const badge = list.querySelector(`tr[data-run-id="${runId}"] .badge`);
    if (badge) {
      badge.textContent = status;
      badge.className = `badge status-${status.toLowerCase()}`;
    }
    return badge;
  };
  // The first event lists the unfinished runs as they are now; it also tells that the stream is live.
  // A listed run that was unfinished when the page rendered but is missing from it has finished in between:
  // ask for its final status once, or its badge would stay stale.
  events.addEventListener('snapshot', (e) => {
    const snapshot = JSON.parse(e.data);
    snapshot.forEach(show);
    const open = new Set(snapshot.map((r) => String(r.runId)));
    list.querySelectorAll('tr[data-run-id]').forEach((row) => {
      const badge = row.querySelector('.badge');
      if (open.has(row.dataset.runId) || !badge || !['Queued', 'Running'].includes(badge.textContent.trim())) return;
      fetch(`api/runs/${row.dataset.runId}`)
        .then((r) => (r.ok ? r.json() : null))
        .then((detail) => { if (detail) show({ runId: row.dataset.runId, status: detail.run.status }); })
        .catch(() => {});
    });
    list.dataset.connected = 'true';
  });
  events.addEventListener('status', (e) => {
    if (!show(JSON.parse(e.data)) && notice) {
      unseen += 1;
      notice.hidden = false;
      notice.querySelector('a').textContent = `${unseen} new run${unseen === 1 ? '' : 's'}: reload`;
    }
  });
  // Leaving the page closes the stream cleanly instead of leaving the browser to report an aborted request.
  window.addEventListener('pagehide', () => events.close());
}
