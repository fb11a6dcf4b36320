import { h } from './dom.js';

// Where a person's access role comes from, as the admin API's account view tells it (roleOrigin).
export function roleOriginText(account) {
  if (account.roleOrigin === 'direct') return 'Assigned directly by the identity provider';
  if (account.roleOrigin === 'group') {
    const group = account.roleOriginGroup;
    return `From group ${group && group.displayName ? group.displayName : 'a deleted group'}`;
  }
  return 'Default role';
}

// The role and, under it, its origin.
export function roleWithOrigin(account) {
  return [account.accessRole,
    h('span', { class: 'secondary role-origin', 'data-role-origin': account.roleOrigin || 'default' }, roleOriginText(account))];
}

export const RULE = 'A person’s access role is the highest-precedence role among the roles the identity provider assigns them directly and the roles of their mapped groups; with neither, the default role.';
