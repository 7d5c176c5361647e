/// <reference lib="dom" />
/** Tiny DOM helpers for the simulator page: elements are built with text nodes, never from HTML strings. */

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (`on*` functions become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, unknown> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false || value === null) continue;
    if (name.startsWith('on') && typeof value === 'function')
      el.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

/** The element with `id`, or a clear error if the page is out of step with this script. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The simulator page has no #${id}; reload it.`);
  return el as T;
}

/** Shows a short status line (errors included) for a few seconds. */
export function say(text: string): void {
  const status = byId('status');
  status.textContent = text;
  window.setTimeout(() => {
    if (status.textContent === text) status.textContent = '';
  }, 6000);
}

/** Simulated time as the page shows it (local time of the browser, with the date). */
export function clockText(at: number): string {
  return new Date(at).toLocaleString('en-GB', {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** The bot's message text as Teams shows it: `**bold**` in bold, line breaks kept; never parsed as HTML. */
export function richText(text: string): HTMLElement {
  return h('div', { class: 'text' }, ...text.split('**').map((part, i) => (i % 2 ? h('strong', {}, part) : part)));
}
