// Live status badges on the runs list: listens to /api/runs/events (Server-Sent Events) and updates the
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
  events.addEventListener('snapshot', (e) => {
    JSON.parse(e.data).forEach(show);
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
