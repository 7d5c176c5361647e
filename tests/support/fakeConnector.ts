/**
 * A fake Bot Connector (the Teams service a bot talks back to) on 127.0.0.1, for tests: a node:http
 * wrapper around the simulator's connector (`bot/src/dev/connector/fakeConnector.ts`), so the
 * protocol lives in one place. Point an activity's `serviceUrl` (or a stored conversation
 * reference) at `url` and a botbuilder `CloudAdapter` with no app id sends its replies, proactive
 * messages and meeting API calls here, with no Authorization header. Every request is recorded.
 *
 * Usage:
 *   const connector = new FakeConnector(); await connector.start();   // or: await startFakeConnector()
 *   ... drive the bot with serviceUrl = connector.url ...
 *   connector.requestsTo('/v3/conversations/a:1/activities')   // what the bot sent
 *   connector.failNext(2, 429, 1);                               // next 2 calls throttled
 *   connector.setParticipant('meeting-1', '29:pupil', { inMeeting: false });
 *   connector.hang('meeting-2');                                 // that lesson's calls are never answered
 *   connector.release();                                         // ... until now: held calls are answered
 *   await connector.stop();
 */
import type { FakeMeetingInfo, FakeParticipant } from '../../bot/src/dev/connector/meetingAnswers.js';
import type { RecordedRequest } from '../../bot/src/dev/connector/connectorWire.js';
import { startFakeConnector, type HeldRequest, type RunningFakeConnector } from './fakeConnectorServer.js';

export type { RecordedRequest } from '../../bot/src/dev/connector/connectorWire.js';
export type { FakeMeetingInfo, FakeParticipant } from '../../bot/src/dev/connector/meetingAnswers.js';
export { startFakeConnector, type HeldRequest, type RunningFakeConnector } from './fakeConnectorServer.js';

/** The same fake as a class, for `before(() => connector.start())` / `after(() => connector.stop())`. */
export class FakeConnector implements RunningFakeConnector {
  private running: RunningFakeConnector | undefined;

  /** Starts listening on a free port of 127.0.0.1. */
  async start(): Promise<this> {
    this.running ??= await startFakeConnector();
    return this;
  }

  private get live(): RunningFakeConnector {
    if (!this.running) throw new Error('Call start() on the fake connector first.');
    return this.running;
  }

  get url(): string {
    return this.live.url;
  }
  get requests(): RecordedRequest[] {
    return this.live.requests;
  }
  requestsTo(pathPrefix: string): RecordedRequest[] {
    return this.live.requestsTo(pathPrefix);
  }
  recover(): void {
    this.live.recover();
  }
  hang(pathPart: string): void {
    this.live.hang(pathPart);
  }
  get held(): HeldRequest[] {
    return this.live.held;
  }
  release(): void {
    this.live.release();
  }

  failNext(n: number, status: number, retryAfterSeconds?: number): void {
    this.live.failNext(n, status, retryAfterSeconds);
  }
  setParticipant(meetingId: string, userId: string, participant: FakeParticipant): void {
    this.live.setParticipant(meetingId, userId, participant);
  }
  setMeetingInfo(meetingId: string, info: FakeMeetingInfo): void {
    this.live.setMeetingInfo(meetingId, info);
  }
  clear(): void {
    this.live.clear();
  }
  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.stop();
  }
}
