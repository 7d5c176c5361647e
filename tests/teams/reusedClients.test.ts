import { strict as assert } from 'node:assert';
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ClaimsIdentity, ConnectorFactory, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import sinon from 'sinon';
import { reuseClients } from '../../bot/src/teams/reusedClients.js';

const claimsFor = (aud: string) => new ClaimsIdentity([{ type: 'aud', value: aud }], true);

/** botbuilder's authentication with its client builders replaced by fakes that build a new object each call. */
function fakeAuth() {
  const create = sinon.stub().callsFake(async (serviceUrl: string) => ({ serviceUrl }) as unknown as ConnectorClient);
  const factory = Object.assign(Object.create(ConnectorFactory.prototype) as ConnectorFactory, { create });
  const tokenClient = sinon.stub().callsFake(async () => ({}) as UserTokenClient);
  const auth = {
    createConnectorFactory: sinon.stub().returns(factory),
    createUserTokenClient: tokenClient,
    authenticateRequest: sinon.stub().callsFake(async (activity: { aud: string }) => ({
      claimsIdentity: claimsFor(activity.aud),
      connectorFactory: factory,
      audience: 'aud',
    })),
  };
  return { tokenClient, create, reused: reuseClients(auth as unknown as ConfigurationBotFrameworkAuthentication) };
}

describe('teams/reusedClients: one connector client per bot, service URL and audience (issue 21)', () => {
  it('gives later activities the client built for the first, and builds another for another service URL, audience or bot', async () => {
    const { create, reused } = fakeAuth();
    const first = await reused.createConnectorFactory(claimsFor('bot-a')).create('https://smba.example/uk/', 'aud');
    const again = await reused.createConnectorFactory(claimsFor('bot-a')).create('https://smba.example/uk/', 'aud');
    assert.equal(again, first);
    const others = await Promise.all([
      reused.createConnectorFactory(claimsFor('bot-a')).create('https://smba.example/emea/', 'aud'),
      reused.createConnectorFactory(claimsFor('bot-a')).create('https://smba.example/uk/', 'other'),
      reused.createConnectorFactory(claimsFor('bot-b')).create('https://smba.example/uk/', 'aud'),
    ]);
    assert.equal(new Set([first, ...others]).size, 4);
    assert.equal(create.callCount, 4);
  });

  it('does the same for the connector factory of an authenticated inbound activity, which is where the adapter takes it', async () => {
    const { create, reused } = fakeAuth();
    const clientFor = async (aud: string) => {
      const result = await reused.authenticateRequest({ aud } as never, 'Bearer x');
      return result.connectorFactory!.create('https://smba.example/uk/', result.audience);
    };
    const first = await clientFor('bot-a');
    assert.equal(await clientFor('bot-a'), first);
    assert.notEqual(await clientFor('bot-b'), first);
    assert.equal(create.callCount, 2);
  });

  it('keeps one user-token client per bot', async () => {
    const { tokenClient, reused } = fakeAuth();
    const a = await reused.createUserTokenClient(claimsFor('bot-a'));
    assert.equal(await reused.createUserTokenClient(claimsFor('bot-a')), a);
    assert.notEqual(await reused.createUserTokenClient(claimsFor('bot-b')), a);
    assert.equal(tokenClient.callCount, 2);
  });

  it('does not keep a client that failed to build: the next activity builds it again', async () => {
    const { create, reused } = fakeAuth();
    create.onFirstCall().rejects(new Error('sign-in failed'));
    const factory = reused.createConnectorFactory(claimsFor('bot-a'));
    await assert.rejects(factory.create('https://smba.example/uk/'), /sign-in failed/);
    assert.ok(await factory.create('https://smba.example/uk/'));
    assert.equal(create.callCount, 2);
  });
});
