import { api, session } from '../api.js';
import { h, replace, time, pageHeader, errorCallout, copy, confirmDialog } from '../dom.js';
import { entraSection, loadClients } from './entra-id.js';

export const title = 'Configure SCIM';

// The two kinds of token have one life (generate, rotate with an overlap, revoke) and one card each.
const TOKEN_KINDS = {
  scim: {
    path: '/scim-tokens',
    name: 'SCIM',
    title: 'SCIM tokens',
    intro: 'Okta sends one of these with every call. A token is shown once, when it is generated.',
    lastUsed: 'Last used by Okta',
    empty: 'No live token: Okta cannot provision until you generate one.',
    keep: 'Copy it now and paste it into Okta (Provisioning → Integration → Authorization). It will not be shown again.',
    overlapHours: (settings) => settings.tokenRotationOverlapHours,
    rotateMessage: (hours) => `A new token is generated now. The old one keeps working for ${hours} hours, so you can update Okta without failed pushes.`,
    revokeMessage: () => 'It stops working at once. If Okta still uses it, provisioning fails until you paste a new token into Okta.',
  },
  admin: {
    path: '/admin-tokens',
    name: 'admin',
    title: 'Admin tokens',
    intro: 'Sign in to this console, or call the admin API, with one of these. A token is shown once, when it is generated. The last admin token that does not expire cannot be revoked.',
    lastUsed: 'Last used',
    empty: 'No live admin token.',
    keep: 'Copy it now and keep it somewhere safe, such as a password manager: it signs in to this console and calls the admin API. It will not be shown again.',
    overlapHours: (settings) => settings.adminTokenRotationOverlapHours,
    rotateMessage: (hours) => `A new admin token is generated now. The old one keeps working for ${hours} hours, so scripts that use it can be updated.`,
    revokeMessage: (mine) => (mine
      ? 'You are signed in with this token: it stops working at once, and this console signs you out.'
      : 'It stops working at once, for this console and for any script that uses it.'),
  },
};

/** Whether the console is signed in with the token a hint names (its last four characters). */
function isSessionToken(token) {
  const current = session.token();
  return Boolean(current && token.hint.length > 1 && current.length > 8 && token.hint === `…${current.slice(-4)}`);
}

const PROVIDERS = { okta: 'Okta', entra: 'Microsoft Entra ID' };

export function render(container) {
  const alerts = h('div');
  const connection = h('div', { class: 'card-body' }, h('p', { class: 'hint' }, 'Loading…'));
  const provider = h('div', { class: 'card-body' }, h('p', { class: 'hint' }, 'Loading…'));
  const steps = h('div', { class: 'card-body' });
  const entraSteps = h('div', { class: 'card-body' });
  const cards = { scim: tokenCard(TOKEN_KINDS.scim), admin: tokenCard(TOKEN_KINDS.admin) };
  const entra = entraSection(alerts);
  const providerCard = h('section', { class: 'card', 'aria-labelledby': 'identity-provider-title' },
    h('div', { class: 'card-header' }, h('div', {},
      h('h2', { id: 'identity-provider-title' }, 'Identity provider'),
      h('p', {}, 'Where Okta and Microsoft Entra ID mean different things by the same request, Reftab does what the one chosen here means.'))),
    provider);
  const oktaConnection = h('section', { class: 'card', 'aria-labelledby': 'connection-title' },
    h('div', { class: 'card-header' }, h('div', {},
      h('h2', { id: 'connection-title' }, 'SCIM connection'),
      h('p', {}, 'Paste these into the Reftab app in Okta, under Provisioning → Integration.'))),
    connection);
  const oktaStepsCard = h('section', { class: 'card', 'aria-labelledby': 'okta-title' },
    h('div', { class: 'card-header' }, h('h2', { id: 'okta-title' }, 'Set up Okta')),
    steps);
  const entraStepsCard = h('section', { class: 'card', 'aria-labelledby': 'entra-steps-title' },
    h('div', { class: 'card-header' }, h('h2', { id: 'entra-steps-title' }, 'Set up Microsoft Entra ID')),
    entraSteps);
  const main = h('div', {});
  const side = h('div', {});

  replace(container,
    pageHeader(title, 'Connect Okta or Microsoft Entra ID to Reftab: it creates, updates and disables Reftab users and pushes groups, whose members then get an access role from Group Mappings.'),
    alerts,
    h('div', { class: 'columns' }, main, side));
  arrange(null);

  /** The chosen identity provider's cards come first; without a choice to read, Okta's (the default) do. */
  function arrange(chosen) {
    const oktaCards = [oktaConnection, cards.scim.element];
    replace(main, providerCard, chosen === 'entra' ? [entra.elements, oktaCards] : [oktaCards, entra.elements], cards.admin.element);
    replace(side, chosen === 'entra' ? [entraStepsCard, oktaStepsCard] : [oktaStepsCard, entraStepsCard]);
  }

  async function load() {
    try {
      const [settings, scimTokens, adminTokens] = await Promise.all([
        api.get('/scim-settings'), api.get(TOKEN_KINDS.scim.path), api.get(TOKEN_KINDS.admin.path)]);
      const clients = await loadClients(settings);
      showProvider(settings);
      showConnection(settings);
      showSteps(settings);
      showEntraSteps(settings);
      cards.scim.show(settings, scimTokens.tokens);
      cards.admin.show(settings, adminTokens.tokens);
      entra.show(settings, clients);
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  /** The identity provider, saved as soon as it is picked (an installation without the setting shows none). */
  function showProvider(settings) {
    if (!settings.identityProvider) {
      providerCard.hidden = true;
      return;
    }
    let current = settings.identityProvider;
    const status = h('span', { class: 'status', role: 'status' });
    const select = h('select', { id: 'identity-provider', 'aria-describedby': 'identity-provider-hint' },
      Object.entries(PROVIDERS).map(([value, label]) => h('option', { value }, value === 'okta' ? `${label} (default)` : label)));
    select.value = current;
    select.addEventListener('change', async () => {
      select.disabled = true;
      status.className = 'status status-pending';
      status.textContent = 'Saving…';
      try {
        await api.put('/scim-settings/identity-provider', { identityProvider: select.value });
        current = select.value;
        status.className = 'status status-ok';
        status.textContent = `Saved: Reftab follows ${PROVIDERS[current]}`;
        arrange(current);
      } catch (error) {
        select.value = current;
        status.className = 'status status-error';
        status.textContent = `Not saved: ${error.message}`;
      } finally {
        select.disabled = false;
      }
    });
    replace(provider, h('div', { class: 'field' },
      h('label', { for: 'identity-provider' }, 'Your identity provider'),
      h('div', { class: 'input-row' }, select, status),
      h('p', { class: 'hint', id: 'identity-provider-hint' },
        'For example, a replace of a group’s members with a partial list.')));
    arrange(current);
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

  /** A card listing one kind of token, with Generate, Rotate and Revoke; a new token is shown once, in the card. */
  function tokenCard(kind) {
    const newToken = h('div');
    const tokens = h('div', { class: 'table-wrap' });
    const titleId = `${kind.name.toLowerCase()}-tokens-title`;
    const inputId = `new-${kind.name.toLowerCase()}-token`;
    let overlapHours = 24;

    const element = h('section', { class: 'card', 'aria-labelledby': titleId },
      h('div', { class: 'card-header' },
        h('div', {},
          h('h2', { id: titleId }, kind.title),
          h('p', {}, kind.intro)),
        h('button', { type: 'button', class: 'button button-primary', onclick: generate }, `Generate ${kind.name} token`)),
      newToken,
      tokens);

    function show(settings, list) {
      overlapHours = kind.overlapHours(settings);
      showTokens(list);
    }

    function showTokens(list) {
      if (list.length === 0) {
        replace(tokens, h('p', { class: 'empty' }, kind.empty));
        return;
      }
      replace(tokens, h('table', {},
        h('caption', { class: 'visually-hidden' }, `Live ${kind.name} tokens`),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Token'), h('th', { scope: 'col' }, 'Created'),
          h('th', { scope: 'col' }, kind.lastUsed), h('th', { scope: 'col' }, 'Expires'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
        h('tbody', {}, list.map((token) => h('tr', { 'data-token-id': token.id },
          h('td', {}, h('code', {}, token.hint),
            kind === TOKEN_KINDS.admin && isSessionToken(token) ? [' ', h('span', { class: 'badge badge-ok' }, 'Signed in')] : null),
          h('td', {}, time(token.createdAt)),
          h('td', {}, time(token.lastUsedAt, 'Not used yet')),
          h('td', {}, token.expiresAt ? [h('span', { class: 'badge badge-warn' }, 'Rotated'), time(token.expiresAt)] : 'Never'),
          h('td', { class: 'numeric' }, h('div', { class: 'actions' },
            h('button', { type: 'button', class: 'button button-small', onclick: () => rotate(token),
              'aria-label': `Rotate ${kind.name} token ${token.hint}` }, 'Rotate'),
            h('button', { type: 'button', class: 'button button-small button-danger', onclick: () => revoke(token),
              'aria-label': `Revoke ${kind.name} token ${token.hint}` }, 'Revoke'))))))));
    }

    function showNewToken(created, headline, ...notes) {
      const status = h('span', { role: 'status' });
      const input = h('input', { id: inputId, type: 'text', readonly: true, value: created.token,
        spellcheck: 'false', autocomplete: 'off' });
      const done = h('button', { type: 'button', class: 'button', onclick: () => replace(newToken) }, 'Done');
      replace(newToken, h('div', { class: 'card-body' },
        h('div', { class: 'callout callout-new', role: 'region', 'aria-labelledby': `${inputId}-title` },
          h('h3', { id: `${inputId}-title` }, headline),
          h('p', {}, kind.keep, ...notes.map((note) => [' ', note])),
          h('div', { class: 'field' },
            h('label', { for: inputId }, `New ${kind.name} token`),
            h('div', { class: 'input-row' }, input,
              h('button', { type: 'button', class: 'button button-primary', onclick: () => copy(created.token, input, status) },
                'Copy', h('span', { class: 'visually-hidden' }, ` new ${kind.name} token`)),
              done),
            h('p', { class: 'hint' }, status)))));
      input.focus();
      input.select();
    }

    async function generate() {
      try {
        const created = await api.post(kind.path);
        showNewToken(created, `Your new ${kind.name} token`);
        await refresh();
      } catch (error) {
        replace(alerts, errorCallout(error));
      }
    }

    async function rotate(token) {
      const ok = await confirmDialog({
        title: `Rotate ${kind.name} token ${token.hint}?`,
        message: kind.rotateMessage(overlapHours),
        confirmLabel: 'Rotate token',
      });
      if (!ok) return;
      try {
        const mine = kind === TOKEN_KINDS.admin && isSessionToken(token);
        const created = await api.post(`${kind.path}/${encodeURIComponent(token.id)}/rotate`);
        // The old token stops at the end of the overlap: the console goes on with its successor.
        if (mine) session.signIn(created.token);
        showNewToken(created, `Your rotated ${kind.name} token`,
          `The old token ${token.hint} stops working at ${new Date(created.previousTokenExpiresAt).toLocaleString()}.`,
          mine ? 'This console now uses the new token.' : '');
        await refresh();
      } catch (error) {
        replace(alerts, errorCallout(error));
      }
    }

    async function revoke(token) {
      const mine = kind === TOKEN_KINDS.admin && isSessionToken(token);
      const ok = await confirmDialog({
        title: `Revoke ${kind.name} token ${token.hint}?`,
        message: kind.revokeMessage(mine),
        confirmLabel: 'Revoke token',
        danger: true,
      });
      if (!ok) return;
      try {
        await api.delete(`${kind.path}/${encodeURIComponent(token.id)}`);
        await refresh();
        replace(alerts, h('div', { class: 'callout callout-info', role: 'status' },
          h('p', {}, `The ${kind.name} token ${token.hint} was revoked.`)));
      } catch (error) {
        replace(alerts, errorCallout(error));
      }
    }

    async function refresh() {
      showTokens((await api.get(kind.path)).tokens);
    }

    return { element, show };
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

  function showEntraSteps(settings) {
    const tokenEndpoint = settings.tokenEndpoint ? h('code', {}, settings.tokenEndpoint) : 'the token endpoint on this page';
    replace(entraSteps, h('ol', { class: 'steps' },
      h('li', {}, h('strong', {}, 'Turn on automatic provisioning'),
        h('ul', {}, h('li', {}, 'In the Microsoft Entra admin center, open Enterprise applications and the Reftab app (or create your own application for Reftab).'),
          h('li', {}, 'Provisioning: set Provisioning Mode to Automatic.'))),
      h('li', {}, h('strong', {}, 'Connect to Reftab'),
        h('ul', {}, settings.identityProvider ? h('li', {}, 'Here: Identity provider, Microsoft Entra ID.') : null,
          h('li', {}, 'Provisioning → Admin Credentials, Tenant URL: ', h('code', {}, settings.scimEndpoint)),
          h('li', {}, 'Authentication method OAuth2 client credentials grant: the Client identifier and Client secret of an OAuth client from this page, and the Token endpoint ', tokenEndpoint, '.'),
          h('li', {}, 'Or workload identity federation: put the Issuer, Subject and Audience Entra shows into a client’s federated credential here, then give Entra that client ID and the token endpoint.'),
          h('li', {}, 'Test Connection, then Save.'))),
      h('li', {}, h('strong', {}, 'Check the attribute mappings'),
        h('ul', {}, h('li', {}, 'Mappings → Provision Microsoft Entra ID Users: match on ', h('code', {}, 'userName'), ' (from userPrincipalName).'),
          h('li', {}, 'Keep ', h('code', {}, 'emails[type eq "work"].value'), ', ', h('code', {}, 'name.givenName'), ', ', h('code', {}, 'name.familyName'), ', ', h('code', {}, 'displayName'), ' and ', h('code', {}, 'active'), '.'))),
      h('li', {}, h('strong', {}, 'Choose who is provisioned'),
        h('ul', {}, h('li', {}, 'Settings → Scope: Sync only assigned users and groups; assign them under Users and groups.'),
          h('li', {}, 'Provision on demand one person to try it, then Start provisioning.'),
          h('li', {}, 'Give each provisioned group its role under ', h('a', { href: '#/group-mappings' }, 'Group Mappings'), '.'))),
      h('li', {}, h('strong', {}, 'Rotate before a secret expires'),
        h('ul', {}, h('li', {}, 'Generate a second client secret, paste it into Entra, Test Connection, then revoke the old one.')))));
  }

  load();
}
