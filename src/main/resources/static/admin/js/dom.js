// Builds elements from data with textContent only, so nothing pushed by an identity provider is ever parsed as HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, value);
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const dateTimeWithYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function time(iso, fallback = 'Never') {
  if (!iso) return h('span', { class: 'hint' }, fallback);
  const date = new Date(iso);
  return h('span', { class: 'when' },
    h('time', { datetime: iso, title: date.toISOString() },
      (date.getFullYear() === new Date().getFullYear() ? dateTime : dateTimeWithYear).format(date)),
    h('span', { class: 'secondary' }, ago(date)));
}

export function ago(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.trunc(value), unit);
    value /= size;
  }
  return '';
}

export function pageHeader(title, description, ...actions) {
  return h('div', { class: 'page-header' },
    h('div', {}, h('h1', {}, title), description ? h('p', {}, description) : null),
    actions.length ? h('div', { class: 'actions' }, actions) : null);
}

export function errorCallout(error) {
  return h('div', { class: 'callout callout-error', role: 'alert' },
    h('p', {}, error && error.message ? error.message : 'Something went wrong. Try again.'));
}

export function pager(page, total, pageSize, onPage) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return h('div', { class: 'pager' },
    h('span', { 'aria-live': 'polite' }, total === 0 ? 'No results' : `${first}–${last} of ${total}`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button button-small', disabled: page <= 1, onclick: () => onPage(page - 1) }, 'Previous'),
      h('button', { type: 'button', class: 'button button-small', disabled: last >= total, onclick: () => onPage(page + 1) }, 'Next')));
}

/** Copies text, falling back to selecting it when the clipboard is not available to the page. */
export async function copy(text, input, statusElement) {
  try {
    await navigator.clipboard.writeText(text);
    statusElement.textContent = 'Copied to the clipboard.';
  } catch {
    input.focus();
    input.select();
    statusElement.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
  }
}

/** An accessible confirmation (a modal dialog, keyboard and screen-reader friendly); resolves to true on confirm. */
export function confirmDialog({ title, message, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    const titleId = `dialog-title-${Math.random().toString(36).slice(2)}`;
    const dialog = h('dialog', { 'aria-labelledby': titleId },
      h('div', { class: 'card-header' }, h('h2', { id: titleId }, title)),
      h('div', { class: 'card-body' }, h('p', {}, message)),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', onclick: () => dialog.close('cancel') }, 'Cancel'),
        h('button', { type: 'button', class: danger ? 'button button-danger-solid' : 'button button-primary',
          onclick: () => dialog.close('confirm') }, confirmLabel)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
