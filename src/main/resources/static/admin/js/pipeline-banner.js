// A banner across every screen while the tenant's deactivations are late: people deactivated in
// Okta who can still sign in to Reftab. Checked every 30 s while signed in, a light read.
import { api } from './api.js';
import { h, replace, ago } from './dom.js';

const CHECK_MS = 30000;

export function pipelineBanner(before) {
  const banner = h('div', { class: 'pipeline-banner', id: 'pipeline-banner', role: 'status', hidden: true });
  before.before(banner);
  let timer;
  let running = false;

  async function check() {
    clearTimeout(timer);
    try {
      show(await api.get('/pipeline'));
    } catch {
      // A failed check says nothing about the pipeline; the screens show their own errors.
    }
    if (running) timer = setTimeout(check, CHECK_MS);
  }

  function show(status) {
    const pending = status.pendingDeactivations;
    if (!status.deactivationsLate) {
      banner.hidden = true;
      replace(banner);
      return;
    }
    const people = pending.late === 1 ? '1 person' : `${pending.late} people`;
    const since = pending.oldestAt ? `, the first ${ago(new Date(pending.oldestAt))}` : '';
    replace(banner,
      h('p', {}, h('strong', {}, 'Deactivations are late. '),
        `${people} deactivated in Okta more than ${Math.round(status.maxDelaySeconds)} s ago can still sign in to Reftab${since}.`),
      h('p', { class: 'secondary' }, status.userStore.behind
        ? 'Reftab is applying changes late for every tenant, not only yours; they lose access as soon as it catches up.'
        : 'They lose access as soon as the change is applied. If this stays, contact Reftab support.'));
    banner.hidden = false;
  }

  return {
    start() {
      if (running) return;
      running = true;
      check();
    },
    stop() {
      running = false;
      clearTimeout(timer);
      banner.hidden = true;
      replace(banner);
    },
  };
}
