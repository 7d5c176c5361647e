import { strict as assert } from 'node:assert';
import { useMeetingControl } from './meetingControlSut.js';

describe('graph/graphMeetingControl', () => {
  const { fake, makeSut } = useMeetingControl();

  it('a 403 from Graph becomes one admin finding naming the permission and the access policy commands', async () => {
    fake.script('PATCH', /onlineMeetings\//, {
      status: 403,
      body: { error: { code: 'Forbidden', message: 'App app-1 is not authorized' } },
    });
    const { findings } = await makeSut().enforce();
    const admin = findings.filter((f) => f.key.startsWith('meeting-options:admin'));
    assert.equal(admin.length, 1);
    assert.match(admin[0]!.action, /OnlineMeetings\.ReadWrite\.All/);
    assert.match(admin[0]!.action, /New-CsApplicationAccessPolicy -Identity Chaperone-Lessons -AppIds "app-1"/);
    assert.match(admin[0]!.action, /Grant-CsApplicationAccessPolicy -PolicyName Chaperone/);
    assert.match(admin[0]!.action, /up to 30 minutes/);
    assert.ok(findings.some((f) => f.key === 'meeting-options:manual'));
  });

  it('issue 16: without an access policy for the organizer Graph refuses every read, and the admin is asked for the policy, not the permission', async () => {
    fake.meetingAccess = { permission: true, accessPolicyFor: new Set(['another-teacher']) };
    const { findings, notChecked } = await makeSut().enforce();
    assert.deepEqual(notChecked && { reason: notChecked.reason }, { reason: 'accessPolicy' });
    const admin = findings.filter((f) => f.key.startsWith('meeting-options:admin'));
    assert.deepEqual(
      admin.map((f) => f.key),
      ['meeting-options:admin:accessPolicy'],
    );
    assert.match(admin[0]!.action, /Grant-CsApplicationAccessPolicy -PolicyName Chaperone/);
    assert.equal(fake.graphRequests('PATCH', /./).length, 0);
  });

  it("issue 16: without the application permission Graph's bare 403 names OnlineMeetings.ReadWrite.All", async () => {
    fake.meetingAccess = { permission: false, accessPolicyFor: 'everyone' };
    const { notChecked } = await makeSut().enforce();
    assert.equal(notChecked?.reason, 'permission');
    assert.equal(
      notChecked?.reason === 'permission' && notChecked.requirement.permission,
      'OnlineMeetings.ReadWrite.All',
    );
  });
});
