import { HOST_RUNTIME, HOST_SDK_VERSION } from './runtime.js';

/**
 * The browser script of the simulated Teams host (served as `/dev/host.js`). It embeds the tab in
 * an iframe and answers teams-js's postMessage calls the way Teams does: requests arrive as
 * `{ id, uuidAsString, func, args }` and get `{ id, uuidAsString, args }` back; host-initiated
 * notifications (theme changes) are `{ func, args }` with no id. Plain ES2020, no build step.
 * `?consent=cancel` makes the consent window answer as if the person closed it (the default: they consent, as the
 * simulator's sign-in always does).
 */
export const HOST_SCRIPT = `'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  const runtime = ${JSON.stringify(HOST_RUNTIME)};
  const setup = {
    user: params.get('user') || '',
    name: params.get('name') || 'Local teacher',
    meeting: params.get('meeting') || '',
    tenant: document.body.dataset.tenant,
    view: params.get('context') || 'sidePanel',
    theme: params.get('theme') || 'default',
    consent: params.get('consent') === 'cancel' ? 'cancel' : 'approve',
  };
  // The manifest's configurationUrl says ?context=config; Teams runs that page in the 'settings' frame context,
  // and a personal tab (the school view) in 'content'.
  setup.frameContext = setup.view === 'config' ? 'settings' : setup.view === 'school' ? 'content' : setup.view;
  const frame = document.getElementById('tab');
  const status = document.getElementById('host-status');
  const save = document.getElementById('host-save');
  const saved = document.getElementById('host-config');
  const picker = document.getElementById('host-people');
  const pickerList = document.getElementById('host-people-list');
  let tabConfig = null;
  document.body.dataset.theme = setup.theme;
  save.hidden = setup.frameContext !== 'settings';

  function context() {
    return {
      locale: 'en-gb', theme: setup.theme, frameContext: setup.frameContext, hostClientType: 'web', hostName: 'Teams',
      userObjectId: setup.user, userDisplayName: setup.name, tid: setup.tenant, meetingId: setup.meeting,
      chatId: '19:meeting_' + setup.meeting.slice(0, 12) + '@thread.v2', entityId: 'chaperone', appSessionId: 'dev-session',
      sessionId: 'dev-host', userLicenseType: 'Unknown', isMultiWindow: false,
    };
  }

  async function token() {
    const res = await fetch('/dev/host/token?user=' + encodeURIComponent(setup.user) + '&name=' + encodeURIComponent(setup.name));
    if (!res.ok) throw new Error('The local host could not sign you in.');
    return (await res.json()).token;
  }

  // Teams' people picker: the school's people from /dev/host/people, one chosen in the host's dialog. Teams answers
  // [error, people]; closing the picker is its USER_ABORT error (8000).
  async function choosePeople(options) {
    const res = await fetch('/dev/host/people');
    const people = res.ok ? (await res.json()).people : [];
    document.getElementById('host-people-title').textContent = options.title || 'Choose people';
    pickerList.replaceChildren(...people.map((person) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = person.displayName + ' (' + person.email + ')';
      button.addEventListener('click', () => picker.close(person.objectId));
      item.append(button);
      return item;
    }));
    picker.returnValue = '';
    picker.showModal();
    await new Promise((resolve) => picker.addEventListener('close', resolve, { once: true }));
    const chosen = people.find((person) => person.objectId === picker.returnValue);
    return chosen ? [null, [chosen]] : [{ errorCode: 8000, message: 'The person closed the people picker.' }, null];
  }
  document.getElementById('host-people-cancel').addEventListener('click', () => picker.close(''));

  function send(message) {
    frame.contentWindow.postMessage(message, location.origin);
  }

  const handlers = {
    initialize: () => [setup.frameContext, 'web', JSON.stringify(runtime), '${HOST_SDK_VERSION}'],
    getContext: () => [context()],
    'authentication.getAuthToken': async () => {
      try { return [true, await token()]; } catch (e) { return [false, e.message]; }
    },
    // The configuration page (pages.config): Teams keeps what the tab sets and saves it on "Save".
    'settings.setSettings': (args) => { tabConfig = args[0] || null; return [true]; },
    'settings.getSettings': () => [tabConfig || {}],
    // app.openLink (Join the lesson, Call the organizer): Teams would open it; the local host names it.
    executeDeepLink: (args) => { status.textContent = 'Teams would open: ' + args[0]; return [true]; },
    'people.selectPeople': (args) => choosePeople(args[0] || {}),
    // Teams opens the page in its sign-in window; the simulator's sign-in has already consented, so none opens.
    'authentication.authenticate': (args) => {
      status.textContent = 'Teams would ask for permission at: ' + args[0];
      return setup.consent === 'cancel' ? [false, 'CancelledByUser'] : [true, ''];
    },
  };
  // One-way calls the host acts on without answering.
  const notices = {
    'settings.setValidityState': (args) => { save.disabled = args[0] !== true; },
    'settings.save.success': () => { saved.textContent = 'Tab saved: ' + JSON.stringify(tabConfig); },
    'settings.save.failure': (args) => { saved.textContent = 'Tab not saved: ' + (args[0] || 'no reason given'); },
  };

  window.addEventListener('message', async (event) => {
    if (event.source !== frame.contentWindow || event.origin !== location.origin) return;
    const msg = event.data;
    if (!msg || typeof msg.func !== 'string' || typeof msg.id !== 'number') return;
    status.textContent = 'Last call from the tab: ' + msg.func;
    if (notices[msg.func]) return notices[msg.func](msg.args || []);
    const handler = handlers[msg.func];
    if (!handler) return; // other one-way calls (appInitialization.*, registerHandler) need no answer
    send({ id: msg.id, uuidAsString: msg.uuidAsString, args: await handler(msg.args || []) });
  });

  document.querySelectorAll('[data-set-theme]').forEach((button) => {
    button.addEventListener('click', () => {
      setup.theme = button.dataset.setTheme;
      document.body.dataset.theme = setup.theme;
      send({ func: 'themeChange', args: [setup.theme] });
    });
  });

  save.addEventListener('click', () => send({ func: 'settings.save', args: [{}] }));

  frame.src = '/tab/?context=' + encodeURIComponent(setup.view);
})();
`;
