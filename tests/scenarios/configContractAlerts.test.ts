import { strict as assert } from 'node:assert';
import { startService } from '../../bot/src/compose/startService.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../bot/src/config.js';
import { lessonRecordLink } from '../../bot/src/teams/alerts/recordLink.js';
import { lessonActivities } from '../support/activities.js';
import { at, PAST_GRACE_MS } from '../support/lessonHarness.js';
import { postActivity } from '../support/serviceHarness.js';
import { useContractService, school } from './contractService.js';

const { teacher, assistant } = school;

/** The configuration contract, part two (see {@link useContractService}): alert links and the sweep. */
describe('scenarios: configuration contract through the composition root', function () {
  this.timeout(60_000);
  const { run, dir, startWith, lessonOfTwoTeachers, staffPairRaised } = useContractService((options) =>
    startService(options),
  );

  it('TAB_DOMAIN: the link in a staff alert opens the side panel on that host; unset, on localhost', async () => {
    const alertLinks = async (env: Record<string, string>): Promise<string[]> => {
      run.connector.clear();
      const s = await startWith(env);
      await lessonOfTwoTeachers(s);
      s.clock.current = at(0) + PAST_GRACE_MS;
      await s.core.tick();
      await s.stop();
      return Array.from(
        JSON.stringify(run.connector.requests).matchAll(/https?:\/\/[^"\\]+\/tab\/index\.html\?context=alert/g),
        (m) => m[0],
      );
    };
    const deployed = await alertLinks({ TAB_DOMAIN: 'chaperone.school.example' });
    assert.ok(deployed.length > 0, 'an alert with a link was sent');
    assert.ok(
      deployed.every((link) => link.startsWith('https://chaperone.school.example/tab/index.html?')),
      deployed.join('\n'),
    );
    const local = await alertLinks({});
    assert.ok(local.length > 0 && local.every((link) => link.startsWith('http://localhost:')), local.join('\n'));
    run.service = undefined;
  });

  it('TEAMS_APP_ID: the DSL card\'s "Open the lesson record" opens the record tab in Teams; unset, the lesson\'s alert page', async () => {
    const withDsl = join(dir, 'staff-and-dsl.json');
    writeFileSync(
      withDsl,
      JSON.stringify({ staff: [teacher.aadObjectId, assistant.aadObjectId], dsl: [school.dsl.aadObjectId] }),
    );
    const recordLinks = async (env: Record<string, string>): Promise<{ links: string[]; meetingId: string }> => {
      run.connector.clear();
      const s = await startWith({ STAFF_DIRECTORY_FILE: withDsl, ...env });
      const key = await lessonOfTwoTeachers(s);
      const lesson = lessonActivities({
        tenantId: school.tenantId,
        meetingId: key.meetingId,
        serviceUrl: run.connector.url,
      });
      for (const person of [teacher, assistant])
        assert.equal(await postActivity(s.url, lesson.leave(person, at(1))), 200);
      s.clock.current = at(1) + PAST_GRACE_MS;
      await s.core.tick();
      await s.stop();
      run.service = undefined;
      const toDsl = run.connector.requests.filter(
        (r) => r.decodedPath.includes(school.dsl.aadObjectId) && r.method === 'POST',
      );
      const actions = toDsl
        .flatMap(
          (r) =>
            (r.body as { attachments?: Array<{ content: { actions?: Array<{ title: string; url?: string }> } }> })
              .attachments ?? [],
        )
        .flatMap((a) => a.content.actions ?? [])
        .filter((a) => a.title === 'Open the lesson record');
      return { links: actions.map((a) => a.url ?? ''), meetingId: key.meetingId };
    };
    const appId = '3f2a6c1e-0000-4000-8000-00000000c0a1';
    const inTeams = await recordLinks({ TEAMS_APP_ID: appId });
    assert.ok(inTeams.links.length > 0, 'the DSL got an alert card');
    assert.deepEqual(
      inTeams.links,
      inTeams.links.map(() => lessonRecordLink(appId, inTeams.meetingId)),
    );
    const unset = await recordLinks({});
    assert.ok(
      unset.links.length > 0 && unset.links.every((link) => /\/tab\/index\.html\?context=alert/.test(link)),
      unset.links.join('\n'),
    );
    assert.throws(() => loadConfig({ TEAMS_APP_ID: 'not-an-app-id' }), /TEAMS_APP_ID is not a Teams app id/);
  });

  it("SWEEP_INTERVAL_MS: with the service's own sweep, a due grace-period timer fires without anyone calling tick", async () => {
    const s = await startWith({ SWEEP_INTERVAL_MS: '100' }, { sweep: true });
    const key = await lessonOfTwoTeachers(s);
    assert.equal(await staffPairRaised(s, key), false, 'not raised before the grace period');
    s.clock.current = at(0) + PAST_GRACE_MS;
    // Well inside the 5 s default interval: only the configured 100 ms sweep can have fired it.
    for (let i = 0; i < 30 && !(await staffPairRaised(s, key)); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await staffPairRaised(s, key), true);
  });
});
