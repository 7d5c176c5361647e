/// <reference lib="dom" />
/** The simulator page: wires the forms to the API and keeps the views fresh by polling. */
import { api, type SimState } from './api.js';
import { renderChat, sendText } from './chatView.js';
import { byId, clockText, h, say } from './dom.js';
import { appendFeed, renderTrail, toggleLookups } from './feedView.js';
import { renderLessons } from './lessonView.js';

let state: SimState | undefined;
let selectedLesson: string | undefined;
let lastSeq = -1;
let lessonsDrawn = '';
let chatDrawn = '';
let trailDrawn = '';

const lessonDeps = {
  act: (run: () => Promise<SimState>, done: string) => void act(run, done),
  selected: () => selectedLesson,
  select: (meetingId: string) => {
    selectedLesson = meetingId;
    if (state) draw(state, true);
  },
};

async function act(run: () => Promise<SimState>, done: string): Promise<void> {
  try {
    draw(await run(), true);
    say(done);
    await pollFeed();
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
  }
}

function fillPeople(next: SimState): void {
  for (const select of Array.from(document.querySelectorAll<HTMLSelectElement>('select[data-people]'))) {
    if (select.options.length) continue;
    const people = next.school.people.filter((p) => select.dataset.people === 'all' || p.kind !== 'pupil');
    select.append(...people.map((p) => h('option', { value: p.aadObjectId }, `${p.name} (${p.job})`)));
  }
}

function draw(next: SimState, force = false): void {
  state = next;
  fillPeople(next);
  byId('clock').textContent =
    `${clockText(next.now)}${next.offsetMs ? ` (+${Math.round(next.offsetMs / 60_000)} min)` : ''} · policy ${next.policy.preset}, grace ${next.policy.graceSeconds} s`;
  const signature = JSON.stringify([next.lessons, selectedLesson]);
  if (force || signature !== lessonsDrawn) {
    lessonsDrawn = signature;
    renderLessons(next, lessonDeps);
  }
}

async function pollFeed(): Promise<void> {
  const { entries } = await api.feed(lastSeq);
  if (!entries.length) return;
  lastSeq = entries[entries.length - 1]!.seq;
  appendFeed(byId('feed'), entries, byId<HTMLInputElement>('show-lookups').checked);
  await pollChat();
}

async function pollTrail(): Promise<void> {
  const { trails } = await api.alertTrail();
  const signature = JSON.stringify(trails);
  if (signature === trailDrawn) return;
  trailDrawn = signature;
  renderTrail(byId('alert-trail'), trails);
}

async function pollChat(force = false): Promise<void> {
  const personId = byId<HTMLSelectElement>('chat-person').value;
  if (!personId) return;
  const { lines } = await api.chat(personId);
  const signature = JSON.stringify([personId, lines.length, lines.at(-1)?.position]);
  if (!force && signature === chatDrawn) return;
  chatDrawn = signature;
  renderChat(byId('chat'), personId, lines, () => void pollChat(true));
}

function wireForms(): void {
  byId<HTMLFormElement>('new-lesson').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    void act(async () => {
      const created = await api.createLesson({
        title: String(form.get('title')),
        kind: String(form.get('kind')),
        organizerId: String(form.get('organizerId')),
        startsInMinutes: Number(form.get('startsInMinutes')),
      });
      selectedLesson = created.meetingId;
      return created.state;
    }, 'Lesson created; the app was added to its chat.');
  });
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-advance]'))) {
    const minutes = Number(button.dataset.advance);
    button.addEventListener(
      'click',
      () =>
        void act(async () => {
          const { fired, state: next } = await api.advance(minutes);
          window.setTimeout(
            () => say(`Clock moved on ${minutes} min; ${fired} timer${fired === 1 ? '' : 's'} fired.`),
            0,
          );
          return next;
        }, `Clock moved on ${minutes} min.`),
    );
  }
  byId('sweep').addEventListener('click', () => void act(async () => (await api.sweep()).state, 'Timers checked.'));
  byId<HTMLFormElement>('open-panel').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const person = state?.school.people.find((p) => p.aadObjectId === form.get('personId'));
    if (!person || !selectedLesson) return say('Create a lesson first, then open its side panel.');
    const query = new URLSearchParams({
      user: person.aadObjectId,
      name: person.name,
      meeting: selectedLesson,
      theme: String(form.get('theme')),
      context: 'sidePanel',
    });
    byId<HTMLIFrameElement>('host-frame').src = `/dev/host?${query.toString()}`;
  });
  const openPersonalTab = (person: { aadObjectId: string; name: string }) => {
    const theme = (byId<HTMLFormElement>('open-panel').elements.namedItem('theme') as HTMLSelectElement).value;
    const query = new URLSearchParams({ user: person.aadObjectId, name: person.name, theme, context: 'school' });
    byId<HTMLIFrameElement>('host-frame').src = `/dev/host?${query.toString()}`;
  };
  byId('open-school').addEventListener('click', () => {
    const dsl = state?.school.people.find((p) => p.kind === 'dsl');
    if (!dsl) return say('The sample school has no DSL to open the school view as.');
    openPersonalTab(dsl);
  });
  // Chaperone's personal tab as the chosen person (staff book lessons there), once it is installed for staff.
  byId('open-book').addEventListener('click', () => {
    const form = new FormData(byId<HTMLFormElement>('open-panel'));
    const person = state?.school.people.find((p) => p.aadObjectId === form.get('personId'));
    if (!person) return say('Choose who books the lesson first.');
    void act(async () => {
      const next = await api.install();
      openPersonalTab(person);
      return next;
    }, `Chaperone's Safeguarding tab opened as ${person.name}.`);
  });
  byId('chat-person').addEventListener('change', () => void pollChat(true));
  byId<HTMLFormElement>('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('text') as HTMLInputElement;
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    sendText(byId<HTMLSelectElement>('chat-person').value, text)
      .then(() => pollFeed())
      .catch((error: unknown) => say(error instanceof Error ? error.message : String(error)));
  });
  byId<HTMLInputElement>('show-lookups').addEventListener('change', (event) =>
    toggleLookups(byId('feed'), (event.target as HTMLInputElement).checked),
  );
}

async function tick(): Promise<void> {
  try {
    draw(await api.state());
    await Promise.all([pollFeed(), pollTrail()]);
  } catch {
    byId('clock').textContent = 'The service is not answering; is npm start still running?';
  }
}

wireForms();
void tick().then(() => pollChat(true));
window.setInterval(() => void tick(), 1000);
