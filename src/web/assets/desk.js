// The desk's page script: GOV.UK Frontend's components, and live updates from /live (server-sent events).
// A page marks the part that follows changes with data-live="all" (any case) or data-live="<case id>".
import { initAll } from '/web-assets/govuk-frontend.min.js';

initAll();

const region = () => document.querySelector('[data-live]');
const status = document.getElementById('desk-live-status');

// A form someone has started typing in is not swapped away under them: they are told instead.
document.addEventListener('input', (e) => e.target.closest?.('form')?.setAttribute('data-dirty', 'true'));

// change: { caseId, version } from a 'case' event, or null from 'reload' (changes went unheard: read it all again).
async function refresh(change) {
  const current = region();
  if (!current) return;
  const watched = current.dataset.live;
  if (change && watched !== 'all' && watched !== change.caseId) return;
  if (current.querySelector('form[data-dirty]')) {
    if (status) status.textContent = change ? `Case ${change.caseId} has changed. Reload the page to see the change.` : 'Cases may have changed. Reload the page to see the changes.';
    return;
  }
  const res = await fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
  if (!res.ok) return;
  const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('[data-live]');
  if (!fresh) return;
  current.replaceWith(document.adoptNode(fresh));
  document.body.dataset.liveVersion = change ? `${change.caseId}:${change.version}` : 'reloaded';
  if (status) status.textContent = change ? `Case ${change.caseId} was updated.` : 'The page was brought up to date.';
}

if (region() && 'EventSource' in window) {
  // From the cursor the page was read at; on reconnecting, the browser sends the last event's id instead.
  const from = status?.dataset.liveFrom;
  const feed = new EventSource(from ? `/live?from=${encodeURIComponent(from)}` : '/live');
  // One refresh reads the whole live region, so the changes that arrive while one is under way (a reconnection's
  // replay can bring hundreds) make one more refresh, not one each. Only changes the region shows are kept.
  let pending; // undefined: nothing to do; null: read again; else the latest change the region shows
  let running = false;
  const schedule = async (change) => {
    const current = region();
    if (change && current?.dataset.live !== 'all' && current?.dataset.live !== change.caseId) return;
    pending = pending === null || change === null ? null : change;
    if (running) return;
    running = true;
    while (pending !== undefined) {
      const next = pending;
      pending = undefined;
      await refresh(next).catch(() => {});
    }
    running = false;
  };
  feed.addEventListener('case', (e) => void schedule(JSON.parse(e.data)));
  feed.addEventListener('reload', () => void schedule(null));
  feed.addEventListener('open', () => { document.body.dataset.liveFeed = 'connected'; });
}
