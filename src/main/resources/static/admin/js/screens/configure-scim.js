import { api } from '../api.js';
import { h, replace, time, pageHeader, errorCallout, copy, confirmDialog } from '../dom.js';

export const title = 'Configure SCIM';

export function render(container) {
  const alerts = h('div');
  const connection = h('div', { class: 'card-body' }, h('p', { class: 'hint' }, 'Loading…'));
  const newToken = h('div');
  const tokens = h('div', { class: 'table-wrap' });
  const steps = h('div', { class: 'card-body' });
  const overlap = { hours: 24 };

  replace(container,
    pageHeader(title, 'Connect Okta to Reftab: Okta creates, updates and disables Reftab users and pushes groups, whose members then get an access role from Group Mappings.'),
    alerts,
    h('div', { class: 'columns' },
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'connection-title' },
          h('div', { class: 'card-header' }, h('div', {},
            h('h2', { id: 'connection-title' }, 'SCIM connection'),
            h('p', {}, 'Paste these into the Reftab app in Okta, under Provisioning → Integration.'))),
          connection),
        h('section', { class: 'card', 'aria-labelledby': 'tokens-title' },
          h('div', { class: 'card-header' },
            h('div', {},
              h('h2', { id: 'tokens-title' }, 'API tokens'),
              h('p', {}, 'Okta sends one of these with every call. A token is shown once, when it is generated.')),
            h('button', { type: 'button', class: 'button button-primary', onclick: generate }, 'Generate token')),
          newToken,
          tokens)),
      h('section', { class: 'card', 'aria-labelledby': 'okta-title' },
        h('div', { class: 'card-header' }, h('h2', { id: 'okta-title' }, 'Set up Okta')),
        steps)));

  async function load() {
    try {
      const [settings, list] = await Promise.all([api.get('/scim-settings'), api.get('/scim-tokens')]);
      overlap.hours = settings.tokenRotationOverlapHours;
      showConnection(settings);
      showSteps(settings);
      showTokens(list.tokens);
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  function showConnection(settings) {
    const status = h('span', { class: 'hint', role: 'status' });
    const endpoint = h('input', { id: 'scim-endpoint', type: 'text', readonly: true, value: settings.scimEndpoint,
      'aria-describedby': 'scim-endpoint-hint' });
    replace(connection,
      h('div', { class: 'field' },
        h('label', { for: 'scim-endpoint' }, 'SCIM connector base URL'),
        h('div', { class: 'input-row' }, endpoint,
          h('button', { type: 'button', class: 'button', onclick: () => copy(settings.scimEndpoint, endpoint, status) },
            'Copy', h('span', { class: 'visually-hidden' }, ' SCIM connector base URL'))),
        h('p', { class: 'hint', id: 'scim-endpoint-hint' }, 'Okta must reach this address; in production it is an HTTPS URL. ', status)),
      h('dl', { class: 'settings-list' },
        h('dt', {}, 'Unique identifier field for users'), h('dd', {}, h('code', {}, settings.uniqueIdentifierField)),
        h('dt', {}, 'Authentication mode'), h('dd', {}, `${settings.authenticationMode} (Authorization: Bearer <token>)`),
        h('dt', {}, 'Application username format'), h('dd', {}, 'Email')));
  }

  function showTokens(list) {
    if (list.length === 0) {
      replace(tokens, h('p', { class: 'empty' }, 'No live token: Okta cannot provision until you generate one.'));
      return;
    }
    replace(tokens, h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Live SCIM tokens'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Token'), h('th', { scope: 'col' }, 'Created'),
        h('th', { scope: 'col' }, 'Last used by Okta'), h('th', { scope: 'col' }, 'Expires'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, list.map((token) => h('tr', { 'data-token-id': token.id },
        h('td', {}, h('code', {}, token.hint)),
        h('td', {}, time(token.createdAt)),
        h('td', {}, time(token.lastUsedAt, 'Not used yet')),
        h('td', {}, token.expiresAt ? [h('span', { class: 'badge badge-warn' }, 'Rotated'), time(token.expiresAt)] : 'Never'),
        h('td', { class: 'numeric' }, h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button button-small', onclick: () => rotate(token),
            'aria-label': `Rotate token ${token.hint}` }, 'Rotate'),
          h('button', { type: 'button', class: 'button button-small button-danger', onclick: () => revoke(token),
            'aria-label': `Revoke token ${token.hint}` }, 'Revoke'))))))));
  }

  function showNewToken(created, headline, note) {
    const status = h('span', { role: 'status' });
    const input = h('input', { id: 'new-token', type: 'text', readonly: true, value: created.token,
      spellcheck: 'false', autocomplete: 'off' });
    const done = h('button', { type: 'button', class: 'button', onclick: () => replace(newToken) }, 'Done');
    replace(newToken, h('div', { class: 'card-body' },
      h('div', { class: 'callout callout-new', role: 'region', 'aria-labelledby': 'new-token-title' },
        h('h3', { id: 'new-token-title' }, headline),
        h('p', {}, 'Copy it now and paste it into Okta (Provisioning → Integration → Authorization). It will not be shown again. ', note),
        h('div', { class: 'field' },
          h('label', { for: 'new-token' }, 'New SCIM token'),
          h('div', { class: 'input-row' }, input,
            h('button', { type: 'button', class: 'button button-primary', onclick: () => copy(created.token, input, status) },
              'Copy', h('span', { class: 'visually-hidden' }, ' new SCIM token')),
            done),
          h('p', { class: 'hint' }, status)))));
    input.focus();
    input.select();
  }

  async function generate() {
    try {
      const created = await api.post('/scim-tokens');
      showNewToken(created, 'Your new SCIM token', '');
      await refreshTokens();
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  async function rotate(token) {
    const ok = await confirmDialog({
      title: `Rotate token ${token.hint}?`,
      message: `A new token is generated now. The old one keeps working for ${overlap.hours} hours, so you can update Okta without failed pushes.`,
      confirmLabel: 'Rotate token',
    });
    if (!ok) return;
    try {
      const created = await api.post(`/scim-tokens/${encodeURIComponent(token.id)}/rotate`);
      showNewToken(created, 'Your rotated SCIM token',
        `The old token ${token.hint} stops working at ${new Date(created.previousTokenExpiresAt).toLocaleString()}.`);
      await refreshTokens();
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  async function revoke(token) {
    const ok = await confirmDialog({
      title: `Revoke token ${token.hint}?`,
      message: 'It stops working at once. If Okta still uses it, provisioning fails until you paste a new token into Okta.',
      confirmLabel: 'Revoke token',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.delete(`/scim-tokens/${encodeURIComponent(token.id)}`);
      await refreshTokens();
      replace(alerts, h('div', { class: 'callout callout-info', role: 'status' }, h('p', {}, `Token ${token.hint} was revoked.`)));
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  async function refreshTokens() {
    showTokens((await api.get('/scim-tokens')).tokens);
  }

  function showSteps(settings) {
    replace(steps, h('ol', { class: 'steps' },
      h('li', {}, h('strong', {}, 'Turn on SCIM provisioning'),
        h('ul', {}, h('li', {}, 'In the Okta Admin Console, open the Reftab app, General → App Settings → Edit.'),
          h('li', {}, 'Set Provisioning to SCIM and save.'))),
      h('li', {}, h('strong', {}, 'Connect to Reftab'),
        h('ul', {}, h('li', {}, 'Provisioning → Integration → Edit.'),
          h('li', {}, 'SCIM connector base URL: ', h('code', {}, settings.scimEndpoint)),
          h('li', {}, 'Unique identifier field for users: ', h('code', {}, settings.uniqueIdentifierField)),
          h('li', {}, 'Supported provisioning actions: Push New Users, Push Profile Updates, Push Groups.'),
          h('li', {}, 'Authentication Mode: HTTP Header; Authorization: a token from this page.'),
          h('li', {}, 'Test Connector Configuration, then Save.'))),
      h('li', {}, h('strong', {}, 'Choose what Okta changes'),
        h('ul', {}, h('li', {}, 'Provisioning → To App → Edit.'),
          h('li', {}, 'Enable Create Users, Update User Attributes and Deactivate Users, then Save.'))),
      h('li', {}, h('strong', {}, 'Use the email as the username'),
        h('ul', {}, h('li', {}, 'Sign On → Settings → Credentials Details: Application username format: Email.'))),
      h('li', {}, h('strong', {}, 'Push groups'),
        h('ul', {}, h('li', {}, 'Push Groups → Push Groups: push the groups whose members need a Reftab access role.'),
          h('li', {}, 'Then give each one its role under ', h('a', { href: '#/group-mappings' }, 'Group Mappings'), '.'),
          h('li', {}, 'Do not push the group that assigns the app itself: Okta advises against it.')))));
  }

  load();
}
