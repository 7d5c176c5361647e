/** The plain requests the bench makes before a phase: activities that set a lesson up, and a read for an ETag. */
import type { TeamsActivity } from '../bot/src/dev/activities.js';

/** POSTs `activities` to the Chaperone at `url` one after another; throws, naming `what`, on any answer but 2xx. */
export async function postActivities(url: string, activities: TeamsActivity[], what: string): Promise<void> {
  for (const activity of activities) {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.text();
    if (!res.ok) throw new Error(`Seeding ${what} failed: /api/messages answered ${res.status}.`);
  }
}

/** The ETag of a 200 from `url`; throws, naming `what`, when the answer is anything else or has no ETag. */
export async function currentEtag(url: string, authorization: string, what: string): Promise<string> {
  const res = await fetch(url, { headers: { authorization } });
  await res.text();
  const etag = res.headers.get('etag');
  if (res.status !== 200 || !etag)
    throw new Error(`The ${what} endpoint answered ${res.status} without an ETag; check the tab API.`);
  return etag;
}
