import { strict as assert } from 'node:assert';
import { OnBehalfOfUserCredential } from '@microsoft/teamsfx';
import sinon from 'sinon';
import { DelegatedAccessError } from '../../../bot/src/app/booking/ports.js';
import { GraphUnavailableError } from '../../../bot/src/app/meetingControl/ports.js';
import { teamsfxDelegatedTokens, type OboCredentialFactory } from '../../../bot/src/graph/delegated/delegatedTokens.js';

/** A Teams sign-in token as teamsfx reads it (it decodes, never verifies: the tab API verified it first). */
function ssoToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600, oid: 'khan', tid: 't' })}.sig`;
}

/**
 * The real teamsfx credential with its MSAL client answering as Entra would (MSAL refuses an http authority, so a
 * local token endpoint cannot stand in for Entra here; the on-behalf-of request itself is MSAL's).
 */
function answering(acquire: sinon.SinonSpy): OboCredentialFactory {
  return (sso, app) => {
    const credential = new OnBehalfOfUserCredential(sso, app);
    (
      credential as unknown as { msalClient: { acquireTokenOnBehalfOf: sinon.SinonSpy } }
    ).msalClient.acquireTokenOnBehalfOf = acquire;
    return credential;
  };
}

/**
 * An MSAL error as teamsfx's own MSAL raises it from Entra's token error: teamsfx reads only `name` and `errorMessage`
 * (the `error_codes` and `error_description` Entra sent).
 */
function msalError(name: 'InteractionRequiredAuthError' | 'ServerError', errorCode: string, description: string) {
  return Object.assign(new Error(`${errorCode}: ${description}`), { name, errorCode, errorMessage: description });
}

const app = { clientId: 'tab-app', clientSecret: 'not-a-secret', tenantId: 't' };
const scopes = ['https://graph.microsoft.com/Calendars.ReadWrite'];

describe('graph/delegated/teamsfxDelegatedTokens', () => {
  it('exchanges the sign-in token on behalf of the teacher for the scopes asked', async () => {
    const acquire = sinon.fake.resolves({ accessToken: 'graph-token', expiresOn: new Date(Date.now() + 3_600_000) });
    const sso = ssoToken();
    const token = await teamsfxDelegatedTokens(app, answering(acquire)).forUser(sso, scopes);
    assert.equal(token, 'graph-token');
    assert.deepEqual(acquire.firstCall.args[0], { oboAssertion: sso, scopes });
  });

  it('interaction_required (MFA, conditional access): the tab shows the Teams consent prompt', async () => {
    const acquire = sinon.fake.rejects(
      msalError('InteractionRequiredAuthError', 'interaction_required', 'AADSTS50079: MFA'),
    );
    await assert.rejects(
      teamsfxDelegatedTokens(app, answering(acquire)).forUser(ssoToken(), scopes),
      (e: unknown) => e instanceof DelegatedAccessError && e.kind === 'consentRequired',
    );
  });

  it('invalid_grant for consent not given (suberror consent_required): the tab shows the consent prompt', async () => {
    const error = msalError('InteractionRequiredAuthError', 'invalid_grant', 'AADSTS65001: not consented');
    await assert.rejects(
      teamsfxDelegatedTokens(app, answering(sinon.fake.rejects(error))).forUser(ssoToken(), scopes),
      (e: unknown) => e instanceof DelegatedAccessError && e.kind === 'consentRequired',
    );
  });

  it('invalid_grant for a bad assertion (AADSTS50013): the teacher signs in again', async () => {
    const error = msalError('ServerError', 'invalid_grant', 'AADSTS50013: Assertion failed signature validation.');
    await assert.rejects(
      teamsfxDelegatedTokens(app, answering(sinon.fake.rejects(error))).forUser(ssoToken(), scopes),
      (e: unknown) => e instanceof DelegatedAccessError && e.kind === 'signInAgain',
    );
  });

  it('admin consent required (AADSTS90094): a grant for IT', async () => {
    const error = msalError('ServerError', 'invalid_grant', 'AADSTS90094: An administrator must grant permission.');
    await assert.rejects(
      teamsfxDelegatedTokens(app, answering(sinon.fake.rejects(error))).forUser(ssoToken(), scopes),
      (e: unknown) => e instanceof DelegatedAccessError && e.kind === 'notGranted',
    );
  });

  it('anything else from the sign-in service: unavailable, try later', async () => {
    const error = msalError('ServerError', 'temporarily_unavailable', 'AADSTS90033: busy');
    await assert.rejects(
      teamsfxDelegatedTokens(app, answering(sinon.fake.rejects(error))).forUser(ssoToken(), scopes),
      GraphUnavailableError,
    );
  });

  it('a sign-in token that is not a token: sign in again', async () => {
    await assert.rejects(
      teamsfxDelegatedTokens(app, answering(sinon.fake())).forUser('not-a-jwt', scopes),
      (e: unknown) => e instanceof DelegatedAccessError && e.kind === 'signInAgain',
    );
  });
});
