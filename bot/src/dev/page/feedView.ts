/// <reference lib="dom" />
/** The feed: everything the bot sent to Teams, newest first, each with to whom it went. */
import type { AlertTrail, TrailCopy } from '../simulator/alertTrail.js';
import type { FeedEntry, FeedRecipient } from '../simulator/feed.js';
import { renderCard } from './cards.js';
import { clockText, h, richText } from './dom.js';

const KIND_TEXT: Record<FeedEntry['kind'], string> = {
  alert: 'Targeted meeting notification',
  message: '1:1 chat message',
  'meeting-chat': 'Meeting chat post',
  update: 'Card update',
  lookup: 'Roster check',
  other: 'Teams call',
};

function recipient(r: FeedRecipient): HTMLElement {
  return h('span', { class: `tag ${r.kind}` }, r.name);
}

/** One feed entry as a list item. */
export function feedItem(entry: FeedEntry): HTMLElement {
  const to = entry.recipients.length
    ? [' to ', ...entry.recipients.flatMap((r, i) => (i ? [', ', recipient(r)] : [recipient(r)]))]
    : [];
  return h(
    'li',
    { class: entry.kind, 'data-kind': entry.kind, 'data-seq': entry.seq },
    h(
      'div',
      { class: 'meta' },
      `${clockText(entry.at)} · ${KIND_TEXT[entry.kind]}`,
      ...to,
      entry.lesson ? ` · ${entry.lesson}` : '',
      entry.status && entry.status >= 400 ? ` · answered ${entry.status}` : '',
    ),
    richText(entry.summary),
    entry.url
      ? h(
          'div',
          { class: 'meta' },
          'Opens ',
          h('a', { href: entry.url, target: '_blank', rel: 'noopener' }, 'the alert page'),
          ' on the meeting stage, for these recipients only.',
        )
      : null,
    ...entry.cards.map((card) => renderCard(card)),
  );
}

/** Adds new entries at the top; roster checks are hidden unless asked for. */
export function appendFeed(list: HTMLElement, entries: FeedEntry[], showLookups: boolean): void {
  for (const entry of entries) {
    const item = feedItem(entry);
    if (entry.kind === 'lookup' && !showLookups) item.hidden = true;
    list.prepend(item);
  }
}

/** Shows or hides roster checks already in the feed. */
export function toggleLookups(list: HTMLElement, show: boolean): void {
  for (const item of Array.from(list.querySelectorAll<HTMLElement>('li.lookup'))) item.hidden = !show;
}

const ROLE_TEXT: Record<TrailCopy['role'], string> = { dsl: 'DSL', deputy: 'deputy DSL', slt: 'senior leader' };

function copyText(copy: TrailCopy): string {
  const who = `${copy.name} (${ROLE_TEXT[copy.role]}): `;
  if (copy.state === 'sent') return `${who}sent at ${clockText(copy.sentAt ?? 0)}`;
  if (copy.state === 'waiting') return `${who}waiting: Teams has not taken it yet`;
  if (copy.state === 'failed') return `${who}failed: Teams would not take it`;
  return `${who}not sent: the alert was over first`;
}

/** Redraws who has each safeguarding alert: every copy's delivery and who is dealing with it. */
export function renderTrail(list: HTMLElement, trails: AlertTrail[]): void {
  if (!trails.length) {
    list.replaceChildren(
      h(
        'li',
        { class: 'meta' },
        'No safeguarding alert yet. When one goes to the DSL, its deliveries and escalation show here.',
      ),
    );
    return;
  }
  list.replaceChildren(
    ...trails.map((t) =>
      h(
        'li',
        { 'data-finding': t.findingKey },
        h('div', { class: 'meta' }, `${clockText(t.raisedAt)} · ${t.lesson}${t.over ? ' · over' : ''}`),
        h('strong', {}, t.message),
        h('ul', {}, ...t.copies.map((c) => h('li', { class: `copy ${c.state}`, 'data-role': c.role }, copyText(c)))),
        t.acknowledged
          ? h(
              'div',
              { class: 'taken', 'data-testid': 'alert-taken' },
              `${t.acknowledged.name} is dealing with it (${clockText(t.acknowledged.at)})`,
            )
          : h(
              'div',
              { class: 'meta' },
              t.over
                ? 'Nobody pressed "I\'m dealing with it" before it was over.'
                : 'Nobody has pressed "I\'m dealing with it" yet.',
            ),
      ),
    ),
  );
}
