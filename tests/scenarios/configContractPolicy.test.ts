import { strict as assert } from 'node:assert';
import { startService } from '../../bot/src/compose/startService.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { useContractService, school } from './contractService.js';

const { assistant } = school;

/** The configuration contract, part two (see {@link useContractService}): address, policy, staff list. */
describe('scenarios: configuration contract through the composition root', function () {
  this.timeout(60_000);
  const { run, dir, staffFile, startWith, lessonOfTwoTeachers, policyReply } = useContractService((options) =>
    startService(options),
  );

  it('PORT and HOST: the service listens on that address and port, and not on another local address', async () => {
    const port = await freePort();
    await startWith({ PORT: String(port), HOST: '127.0.0.2' });
    const health = (await (await fetch(`http://127.0.0.2:${port}/healthz`)).json()) as { checks?: object };
    assert.ok(health.checks, "the service's own health document answers there");
    await assert.rejects(
      fetch(`http://127.0.0.1:${port}/healthz`),
      'nothing listens on 127.0.0.1 when HOST is 127.0.0.2',
    );
  });

  it('POLICY_PRESET: the policy in force is the named preset (the `policy` command says so); unset, it is strict', async () => {
    assert.match(
      await policyReply(await startWith({ STAFF_DIRECTORY_FILE: staffFile, POLICY_PRESET: 'goodmayes' })),
      /based on the \\"goodmayes\\" preset/,
    );
    await run.service!.stop();
    assert.match(
      await policyReply(await startWith({ STAFF_DIRECTORY_FILE: staffFile })),
      /based on the \\"strict\\" preset/,
    );
  });

  it("POLICY_FILE: a YAML file's preset and overrides are the policy in force", async () => {
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'preset: roche\nschool:\n  name: Contract Test Academy\nretentionDays: 17\n');
    const reply = await policyReply(await startWith({ STAFF_DIRECTORY_FILE: staffFile, POLICY_FILE: file }));
    assert.match(reply, /Live lesson policy of Contract Test Academy\*\* \(based on the \\"roche\\" preset\)/);
    assert.match(reply, /kept for 17 days/);
  });

  it('STAFF_DIRECTORY_FILE: a second teacher on the list is staff; without the file she counts as a pupil', async () => {
    const withFile = await startWith({ STAFF_DIRECTORY_FILE: staffFile });
    const key = await lessonOfTwoTeachers(withFile);
    assert.equal((await withFile.core.meetings.load(key))?.state.people[assistant.aadObjectId]?.role, 'staff');
    await withFile.stop();
    const without = await startWith({});
    const other = await lessonOfTwoTeachers(without);
    assert.equal((await without.core.meetings.load(other))?.state.people[assistant.aadObjectId]?.role, 'pupil');
  });
});
