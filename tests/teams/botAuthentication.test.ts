import { strict as assert } from 'node:assert';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { postActivity, startTestService } from '../support/serviceHarness.js';

describe('teams: inbound authentication with real credentials', function () {
  this.timeout(30_000);
  const school = sampleSchool();
  const activity = lessonActivities({ tenantId: school.tenantId, meetingId: 'auth-meeting', serviceUrl: 'https://smba.trafficmanager.net/uk/' }).start(Date.parse('2026-01-15T09:00:00Z'));

  it('with BOT_ID set, an unsigned request to /api/messages is rejected with 401 by botbuilder and nothing is recorded', async () => {
    const service = await startTestService({ env: { BOT_ID: '11111111-2222-4333-8444-555555555555', BOT_PASSWORD: 'test-only-not-a-secret', BOT_TYPE: 'MultiTenant' } });
    try {
      assert.equal(await postActivity(service.url, activity), 401, 'no Authorization header');
      assert.equal(await service.core.meetings.load({ tenantId: school.tenantId, meetingId: 'auth-meeting' }), undefined);
    } finally {
      await service.stop();
    }
  });
});
