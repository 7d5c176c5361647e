/// <reference lib="dom" />
/** The lesson list and the selected lesson's people, with one-click joins and leaves. */
import type { LessonView } from '../simulator/simRoutes.js';
import type { SimPerson } from '../school.js';
import { api, type SimState } from './api.js';
import { byId, clockText, h } from './dom.js';

/** What the view needs from the page. */
export interface LessonViewDeps {
  /** Runs an action and re-renders with the state it returns (errors are shown to the person). */
  act(run: () => Promise<SimState>, done: string): void;
  selected(): string | undefined;
  select(meetingId: string): void;
}

const KIND_TEXT: Record<SimPerson['kind'], string> = { staff: 'staff', dsl: 'DSL', pupil: 'pupil' };

/** Redraws the lesson picker and the selected lesson. */
export function renderLessons(state: SimState, deps: LessonViewDeps): void {
  const picker = byId<HTMLSelectElement>('lesson-picker');
  const selected = deps.selected() ?? state.lessons[0]?.meetingId;
  picker.replaceChildren(
    ...state.lessons.map((l) =>
      h('option', { value: l.meetingId, selected: l.meetingId === selected }, `${l.title} (${l.status})`),
    ),
  );
  picker.onchange = () => deps.select(picker.value);
  const lesson = state.lessons.find((l) => l.meetingId === selected);
  const pane = byId('lesson');
  if (!lesson) {
    pane.replaceChildren(h('p', { class: 'meta' }, 'No lesson yet: create one above, then let people join.'));
    return;
  }
  if (deps.selected() !== lesson.meetingId) deps.select(lesson.meetingId);
  pane.replaceChildren(summary(lesson, state), peopleTable(lesson, state, deps), endButton(lesson, deps));
}

function summary(lesson: LessonView, state: SimState): HTMLElement {
  const organizer = state.school.people.find((p) => p.aadObjectId === lesson.organizerId)?.name ?? 'unknown';
  return h(
    'p',
    {},
    h('span', { class: `tag ${lesson.status}`, 'data-testid': 'lesson-status' }, lesson.status),
    ' ',
    h('strong', {}, lesson.title),
    ' ',
    h(
      'span',
      { class: 'meta' },
      `${lesson.kind === 'MeetNow' ? 'Meet now' : 'Scheduled'} for ${clockText(lesson.scheduledStart)}, organiser ${organizer}`,
    ),
    lesson.kind === 'MeetNow'
      ? h(
          'span',
          { class: 'meta' },
          ' (real Teams raises no events for Meet now; the simulator sends them so you can see the rules)',
        )
      : null,
  );
}

function peopleTable(lesson: LessonView, state: SimState, deps: LessonViewDeps): HTMLElement {
  const rows = state.school.people.map((person) => {
    const devices = lesson.devices[person.aadObjectId] ?? 0;
    const dropped = lesson.dropped[person.aadObjectId] ?? 0;
    const button = (
      label: string,
      action: 'join' | 'leave' | 'drop' | 'reconnect' | 'hang-up',
      done: string,
      cls?: string,
    ) =>
      h(
        'button',
        {
          type: 'button',
          class: cls,
          'aria-label': `${label} ${person.name}`,
          onclick: () => deps.act(() => api.person(lesson.meetingId, person.aadObjectId, action), done),
        },
        label,
      );
    return h(
      'tr',
      { 'data-person': person.name },
      h('td', {}, person.name, ' ', h('span', { class: `tag ${person.kind}` }, KIND_TEXT[person.kind])),
      h(
        'td',
        { class: 'devices', 'aria-label': `${person.name} devices` },
        devices ? `${devices} device${devices > 1 ? 's' : ''}` : '—',
        dropped ? h('span', { class: 'meta' }, ` (${dropped} dropped)`) : null,
      ),
      h(
        'td',
        {},
        button(devices ? 'Join again' : 'Join', 'join', `${person.name} joined.`),
        devices ? button('Leave', 'leave', `${person.name} left on one device.`) : null,
        devices ? button('Drop', 'drop', `${person.name}'s connection dropped.`) : null,
        dropped ? button('Reconnect', 'reconnect', `${person.name} reconnected.`) : null,
        devices && person.kind !== 'pupil'
          ? button('Hang up', 'hang-up', `${person.name} hung up; the lesson goes on.`)
          : null,
      ),
    );
  });
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Person'), h('th', {}, 'In call'), h('th', {}, 'Do'))),
    h('tbody', {}, ...rows),
  );
}

function endButton(lesson: LessonView, deps: LessonViewDeps): HTMLElement {
  return h(
    'p',
    {},
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        disabled: lesson.status !== 'live',
        onclick: () => deps.act(() => api.endForEveryone(lesson.meetingId), 'The meeting ended for everyone.'),
      },
      'End meeting for everyone',
    ),
    h('span', { class: 'meta' }, ' "Hang up" only takes that person out; pupils stay in the call.'),
  );
}
