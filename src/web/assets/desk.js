// The desk's page script: GOV.UK Frontend's components, and live updates from /live (server-sent events).
// A page marks the part that follows changes with data-live="all" (any case) or data-live="<case id>".
import { initAll } from '/web-assets/govuk-frontend.min.js';

initAll();

const region = () => document.querySelector('[data-live]');
const status = document.getElementById('desk-live-status');

// A form someone has started typing in is not swapped away under them: they are told instead.
document.addEventListener('input', (e) => e.target.closest?.('form')?.setAttribute('data-dirty', 'true'));

async function refresh(change) {
  const current = region();
  if (!current) return;
  const watched = current.dataset.live;
  if (watched !== 'all' && watched !== change.caseId) return;
  if (current.querySelector('form[data-dirty]')) {
    if (status) status.textContent = `Case ${change.caseId} has changed. Reload the page to see the change.`;
    return;
  }
  const res = await fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
  if (!res.ok) return;
  const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('[data-live]');
  if (!fresh) return;
  current.replaceWith(document.adoptNode(fresh));
  document.body.dataset.liveVersion = `${change.caseId}:${change.version}`;
  if (status) status.textContent = `Case ${change.caseId} was updated.`;
}

if (region() && 'EventSource' in window) {
  const feed = new EventSource('/live');
  let chain = Promise.resolve();
  feed.addEventListener('case', (e) => {
    const change = JSON.parse(e.data);
    chain = chain.then(() => refresh(change)).catch(() => {});
  });
  feed.addEventListener('open', () => { document.body.dataset.liveFeed = 'connected'; });
}
