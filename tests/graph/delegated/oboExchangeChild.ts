/**
 * Run as a child process by `oboExchange.test.ts`: exchanges each sign-in token in `OBO_SSO_TOKENS`
 * through teamsfx's `OnBehalfOfUserCredential` at the local Entra `OBO_AUTHORITY` and prints one JSON
 * line of outcomes. A child, because MSAL trusts the local https authority only through
 * NODE_EXTRA_CA_CERTS, read at start. teamsfx builds its MSAL client without `knownAuthorities`, so
 * MSAL would first ask login.microsoftonline.com for instance discovery; the credential here gets the
 * same MSAL (the one teamsfx itself resolves) told to trust the local authority, and nothing else changes.
 */
import { createRequire } from 'node:module';
import { OnBehalfOfUserCredential } from '@microsoft/teamsfx';
import { teamsfxDelegatedTokens } from '../../../bot/src/graph/delegated/delegatedTokens.js';

const authorityHost = process.env.OBO_AUTHORITY ?? '';
const teamsfxMsal = createRequire(import.meta.resolve('@microsoft/teamsfx'))('@azure/msal-node') as {
  ConfidentialClientApplication: new (config: unknown) => unknown;
};
const tokens = teamsfxDelegatedTokens(
  { clientId: 'tab-app', clientSecret: 'not-a-secret', tenantId: 'school-tenant', authorityHost },
  (sso, app) => {
    const credential = new OnBehalfOfUserCredential(sso, app);
    const auth = {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      authority: `${app.authorityHost}/${app.tenantId}`,
      knownAuthorities: [new URL(app.authorityHost).host],
    };
    (credential as unknown as { msalClient: unknown }).msalClient = new teamsfxMsal.ConfidentialClientApplication({
      auth,
    });
    return credential;
  },
);
const outcomes: unknown[] = [];
for (const sso of JSON.parse(process.env.OBO_SSO_TOKENS ?? '[]') as string[]) {
  try {
    outcomes.push({ token: await tokens.forUser(sso, ['https://graph.microsoft.com/Calendars.ReadWrite']) });
  } catch (error) {
    outcomes.push({ error: (error as Error).name, kind: (error as { kind?: string }).kind });
  }
}
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
