import { api } from '../api.js';
import { h, replace, time, pageHeader, errorCallout } from '../dom.js';

export const title = 'Equipment alerts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Who is told when a disabled person still holds equipment, and when the digest goes out. */
export function render(container) {
  const alerts = h('div');
  const body = h('div', { class: 'card-body' }, h('p', { class: 'hint' }, 'Loading…'));

  replace(container,
    pageHeader(title, 'When someone who still holds equipment is disabled, or an item is checked out to a disabled person, Reftab tells the people named here once, by e-mail and/or a Slack-compatible webhook. A digest lists everyone still holding equipment while disabled.'),
    alerts,
    h('section', { class: 'card', 'aria-labelledby': 'equipment-alerts-title' },
      h('div', { class: 'card-header' }, h('h2', { id: 'equipment-alerts-title' }, 'Recipients and schedule')),
      body));

  async function load() {
    try {
      show(await api.get('/settings/equipment-alerts'));
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  function show(settings) {
    const status = h('span', { class: 'status', role: 'status', id: 'equipment-alerts-status' });
    const recipients = h('textarea', { id: 'alert-recipients', rows: 3, 'aria-describedby': 'alert-recipients-hint' });
    recipients.value = settings.recipients.join('\n');
    const emailEnabled = h('input', { type: 'checkbox', id: 'alert-email-enabled' });
    emailEnabled.checked = settings.emailEnabled;
    const webhookUrl = h('input', { type: 'text', id: 'alert-webhook-url', placeholder: 'https://hooks.slack.com/services/…' });
    webhookUrl.value = settings.webhookUrl || '';
    const webhookEnabled = h('input', { type: 'checkbox', id: 'alert-webhook-enabled' });
    webhookEnabled.checked = settings.webhookEnabled;
    const digestEnabled = h('input', { type: 'checkbox', id: 'alert-digest-enabled' });
    digestEnabled.checked = settings.digest.enabled;
    const frequency = h('select', { id: 'alert-digest-frequency' },
      h('option', { value: 'daily' }, 'Daily'), h('option', { value: 'weekly' }, 'Weekly'));
    frequency.value = settings.digest.frequency;
    const hour = h('select', { id: 'alert-digest-hour' },
      Array.from({ length: 24 }, (_, i) => h('option', { value: String(i) }, `${String(i).padStart(2, '0')}:00 UTC`)));
    hour.value = String(settings.digest.hourUtc);
    const weekday = h('select', { id: 'alert-digest-weekday' },
      WEEKDAYS.map((day, i) => h('option', { value: String(i + 1) }, day)));
    weekday.value = String(settings.digest.weekday);
    const weekdayField = h('div', { class: 'field' }, h('label', { for: 'alert-digest-weekday' }, 'On'), weekday);
    weekdayField.hidden = frequency.value !== 'weekly';
    frequency.addEventListener('change', () => { weekdayField.hidden = frequency.value !== 'weekly'; });

    const save = h('button', { type: 'submit', class: 'button button-primary' }, 'Save');
    const test = h('button', { type: 'button', class: 'button', onclick: sendTest }, 'Send test alert');
    const form = h('form', { onsubmit: submit },
      settings.mailServerConfigured ? null
        : h('div', { class: 'callout' }, h('p', {}, 'No mail server is configured for this installation (REFTAB_MAIL_HOST): only the webhook is sent.')),
      h('div', { class: 'field' },
        h('label', { for: 'alert-recipients' }, 'E-mail recipients'),
        recipients,
        h('p', { class: 'hint', id: 'alert-recipients-hint' }, `One address per line, at most ${settings.maxRecipients}.`)),
      h('div', { class: 'field' }, h('label', {}, emailEnabled, ' Send alerts by e-mail')),
      h('div', { class: 'field' }, h('label', { for: 'alert-webhook-url' }, 'Webhook URL (Slack-compatible, https)'), webhookUrl),
      h('div', { class: 'field' }, h('label', {}, webhookEnabled, ' Send alerts to the webhook')),
      h('div', { class: 'field' }, h('label', {}, digestEnabled, ' Send a digest of everyone disabled who still holds equipment')),
      h('div', { class: 'field' }, h('label', { for: 'alert-digest-frequency' }, 'Digest'), frequency),
      weekdayField,
      h('div', { class: 'field' }, h('label', { for: 'alert-digest-hour' }, 'At'), hour),
      h('p', { class: 'hint' }, `Last digest: ${time(settings.digest.lastSentAt)}`),
      h('div', { class: 'actions' }, save, test, status));
    replace(body, form);

    async function submit(event) {
      event.preventDefault();
      save.disabled = true;
      status.className = 'status status-pending';
      status.textContent = 'Saving…';
      try {
        const saved = await api.put('/settings/equipment-alerts', {
          recipients: recipients.value.split(/\n/).map((line) => line.trim()).filter(Boolean),
          webhookUrl: webhookUrl.value.trim() || null,
          emailEnabled: emailEnabled.checked,
          webhookEnabled: webhookEnabled.checked,
          digest: {
            enabled: digestEnabled.checked, frequency: frequency.value,
            hourUtc: Number(hour.value), weekday: Number(weekday.value),
          },
        });
        replace(alerts);
        show(saved);
        const shown = document.getElementById('equipment-alerts-status');
        shown.className = 'status status-ok';
        shown.textContent = 'Saved';
      } catch (error) {
        status.className = 'status';
        status.textContent = '';
        replace(alerts, errorCallout(error));
        save.disabled = false;
      }
    }

    async function sendTest() {
      test.disabled = true;
      try {
        await api.post('/settings/equipment-alerts/test');
        status.className = 'status status-ok';
        status.textContent = 'Test alert queued';
        replace(alerts);
      } catch (error) {
        replace(alerts, errorCallout(error));
      } finally {
        test.disabled = false;
      }
    }
  }

  load();
}
