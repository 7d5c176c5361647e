import { strict as assert } from 'node:assert';
import { lessonActivities, sampleSchool, type Person } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { PAST_GRACE_MS } from '../support/lessonHarness.js';
import { startTestService } from '../support/serviceHarness.js';

const HOME = sampleSchool();
const SECOND_TENANT = '00000000-0000-4000-8000-0000000005c2';
const UNKNOWN_TENANT = '00000000-0000-4000-8000-0000000bad00';

/** A school in another tenant, with people of its own (ids unlike the home school's). */
function schoolIn(tenantId: string, tag: string) {
  const person = (n: string, name: string, role: Person['role']): Person => ({
    aadObjectId: `00000000-0000-4000-8000-${tag}0000000${n}`,
    teamsId: `29:1${tag}-${n}`,
    name,
    role,
    tenantId,
  });
  return {
    tenantId,
    teacher: person('a1', 'Mr Second (FAKE)', 'Organizer'),
    dsl: person('d1', 'Ms SecondLead (FAKE)', 'Attendee'),
    pupils: [person('b1', 'Dara (FAKE)', 'Attendee'), person('b2', 'Eli (FAKE)', 'Attendee')],
  };
}
const SECOND = schoolIn(SECOND_TENANT, '5c2');
const OUTSIDER = schoolIn(UNKNOWN_TENANT, 'bad');

/** POSTs an activity; the status and the parsed body. */
async function post(
  url: string,
  activity: object,
): Promise<{ status: number; body: { error?: { code?: string; message?: string } } }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as object) : {} };
}

/** The people a 1:1 chat was opened for (how a DSL alert is addressed), by tenant. */
function chatsOpened(connector: RunningFakeConnector): Array<{ tenantId?: string; member?: string }> {
  return connector.requests
    .filter((r) => r.method === 'POST' && r.path === '/v3/conversations')
    .map((r) => r.body as { tenantId?: string; members?: Array<{ id?: string }> })
    .map((b) => ({ tenantId: b.tenantId, member: b.members?.[0]?.id }));
}

describe("faults: tenants kept apart (a school's trust of two tenants, and an organisation it never allowed)", function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let connector: RunningFakeConnector;

  before(async () => {
    connector = await startFakeConnector();
    service = await startTestService({
      env: { AAD_APP_TENANT_ID: HOME.tenantId, AAD_APP_ALLOWED_TENANTS: SECOND_TENANT },
      // The flat form is the home school's; the second school has an entry of its own.
      staffList: {
        ...HOME.staffList(),
        tenants: { [SECOND_TENANT]: { staff: [SECOND.teacher.aadObjectId], dsl: [SECOND.dsl.aadObjectId] } },
      },
    });
  });
  after(async () => {
    await service.stop();
    await connector.stop();
  });
  beforeEach(() => connector.clear());

  /** The lesson's DSL alerts as stored in its delivery outbox: to whom, and whether Teams took them. */
  async function dslAlerts(tenantId: string, meetingId: string): Promise<Array<{ to: string; state: string }>> {
    const deliveries = (await service.core.meetings.load({ tenantId, meetingId }))?.deliveries ?? [];
    return deliveries.flatMap((d) =>
      d.recipient.kind === 'person' && d.recipient.role === 'dsl'
        ? [{ to: d.recipient.aadObjectId, state: d.state }]
        : [],
    );
  }

  /**
   * A lesson starting a minute after the service's clock (the tests share one service): teacher and
   * pupils join, the teacher leaves, and the grace period passes, so a DSL alert is owed.
   */
  async function pupilsLeftAlone(
    school: { tenantId: string; teacher: Person; pupils: Person[] },
    meetingId: string,
    expected: number,
  ): Promise<void> {
    const start = service.clock.current + 60_000;
    const lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
    for (const activity of [
      lesson.start(start),
      lesson.join(school.teacher, start),
      ...school.pupils.map((p) => lesson.join(p, start)),
      lesson.leave(school.teacher, start + 60_000),
    ]) {
      service.clock.current = Date.parse(String(activity.timestamp));
      assert.equal((await post(service.url, activity)).status, expected, String(activity.name));
    }
    for (const ms of [PAST_GRACE_MS, PAST_GRACE_MS + 60_000]) {
      service.clock.current = start + 60_000 + ms;
      await service.core.tick();
    }
  }

  it('refuses a meeting from a tenant the school never allowed with 403: nothing stored, nothing sent, logged once, and the service carries on', async () => {
    const meetingId = 'MCMxOTpvdXRzaWRlci0x';
    await pupilsLeftAlone(OUTSIDER, meetingId, 403);
    const refusal = await post(
      service.url,
      lessonActivities({ tenantId: UNKNOWN_TENANT, meetingId, serviceUrl: connector.url }).join(
        OUTSIDER.pupils[0]!,
        service.clock.current,
      ),
    );
    assert.equal(refusal.body.error?.code, 'tenantNotServed');
    assert.match(refusal.body.error?.message ?? '', /does not serve/);

    assert.equal(
      await service.core.meetings.load({ tenantId: UNKNOWN_TENANT, meetingId }),
      undefined,
      'no lesson stored for the outsider',
    );
    assert.deepEqual(connector.requests, [], 'nothing sent to Teams: no alert, no roster check, no welcome');
    const logged = (service.logger as unknown as { lines: Array<{ obj: object; msg?: string }> }).lines.filter((l) =>
      /tenant this service does not serve/.test(l.msg ?? ''),
    );
    assert.equal(logged.length, 1, 'logged once for the tenant, however many activities it sent');
    assert.deepEqual({ tenantId: (logged[0]!.obj as { tenantId?: string }).tenantId }, { tenantId: UNKNOWN_TENANT });
    assert.doesNotMatch(JSON.stringify(logged), /FAKE|Dara|Eli/, 'no names in the log');

    // Still running: the home school's lesson goes on.
    const home = lessonActivities({
      tenantId: HOME.tenantId,
      meetingId: 'MCMxOTpob21lLWFmdGVy',
      serviceUrl: connector.url,
    });
    assert.equal((await post(service.url, home.start(service.clock.current))).status, 200);
  });

  it("refuses an activity whose conversation names an outside tenant even when its channel data names the school's", async () => {
    const lesson = lessonActivities({
      tenantId: HOME.tenantId,
      meetingId: 'MCMxOTptaXhlZC10ZW5hbnQ=',
      serviceUrl: connector.url,
    });
    const join = lesson.join(HOME.pupils[0]!, service.clock.current);
    const mixed = { ...join, conversation: { ...(join.conversation as object), tenantId: UNKNOWN_TENANT } };
    assert.equal((await post(service.url, mixed)).status, 403);
    assert.equal(
      await service.core.meetings.load({ tenantId: HOME.tenantId, meetingId: 'MCMxOTptaXhlZC10ZW5hbnQ=' }),
      undefined,
    );
  });

  it("a lesson in the allowed second tenant alerts that tenant's DSL, never the home school's", async () => {
    await pupilsLeftAlone(SECOND, 'MCMxOTpzZWNvbmQtdGVuYW50', 200);
    const owed = await dslAlerts(SECOND_TENANT, 'MCMxOTpzZWNvbmQtdGVuYW50');
    assert.deepEqual(
      owed,
      [{ to: SECOND.dsl.aadObjectId, state: 'sent' }],
      "owed to and received by the second school's DSL only",
    );
    const opened = chatsOpened(connector);
    assert.deepEqual(
      opened,
      [{ tenantId: SECOND_TENANT, member: SECOND.dsl.aadObjectId }],
      "the only 1:1 chat Teams was asked for: the second DSL's",
    );
  });

  it("the home school's lesson still alerts the home DSL from the flat staff list", async () => {
    await pupilsLeftAlone(HOME, 'MCMxOTpob21lLXRlbmFudA==', 200);
    assert.deepEqual(await dslAlerts(HOME.tenantId, 'MCMxOTpob21lLXRlbmFudA=='), [
      { to: HOME.dsl.aadObjectId, state: 'sent' },
    ]);
  });
});
