import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findPlaceholders } from '../../appPackage/scripts/placeholders.js';
import { TABLE_NAMES } from '../../bot/src/storage/tableClients.js';
import { envTemplates, read, ROOT, stageSteps, type Step } from './shippingFiles.js';

// We cannot compile Bicep here, so these tests hold the shipping files to each other by name.
// Settings (config.ts, README, Bicep app settings, parameters) are compared in settingsInStep.test.ts.
const bicep = read('infra/azure.bicep');
const steps = (['provision', 'deploy', 'publish'] as const).flatMap(stageSteps);

describe('infra: shipping files agree with each other', () => {
  it('finds the env templates, Bicep outputs and yml steps it checks (a guard against vacuous passes)', () => {
    assert.ok(envTemplates().has('.env.local') && envTemplates().has('.env.dev') && envTemplates().has('.env.prod'));
    assert.ok(steps.length >= 10);
  });

  it('every ${{VAR}} in the manifest, teamsapp.yml and infra templates is produced by an action, a Bicep output or an env template', () => {
    const produced = new Set<string>([
      ...steps.flatMap((step) => Object.values(step.writeToEnvironmentFile ?? {})),
      ...Array.from(bicep.matchAll(/^output\s+([A-Z][A-Z0-9_]*)\s/gm), (m) => m[1] ?? ''),
    ]);
    const listed = new Set([...envTemplates().values()].flatMap((values) => [...values.keys()]));
    const unexplained: string[] = [];
    for (const file of [
      'appPackage/manifest.json',
      'teamsapp.yml',
      'infra/azure.parameters.json',
      'infra/aad.manifest.json',
    ]) {
      for (const name of findPlaceholders(read(file))) {
        if (!produced.has(name) && !listed.has(name)) unexplained.push(`${file}: ${name}`);
      }
    }
    assert.deepEqual(unexplained, []);
  });

  it('env/.env.local sets every manifest placeholder, so `npm run package` works on a fresh clone', () => {
    const local = envTemplates().get('.env.local') ?? new Map();
    assert.deepEqual(
      findPlaceholders(read('appPackage/manifest.json')).filter((name) => !local.has(name)),
      [],
    );
  });

  it('the Web App listens on every interface, in production mode, as the managed-identity bot', () => {
    assert.match(bicep, /\{ name: 'HOST', value: '0\.0\.0\.0' \}/);
    assert.match(bicep, /\{ name: 'NODE_ENV', value: 'production' \}/);
    assert.match(bicep, /\{ name: 'BOT_TYPE', value: useDeveloperPortalBot \? 'SingleTenant' : 'UserAssignedMSI' \}/);
    assert.match(bicep, /\{ name: 'AZURE_CLIENT_ID', value: identity\.properties\.clientId \}/);
  });

  it('the Bicep creates exactly the tables the storage code uses', () => {
    const listed = /var tableNames = \[([^\]]*)\]/.exec(bicep)?.[1] ?? '';
    assert.deepEqual(Array.from(listed.matchAll(/'([^']+)'/g), (m) => m[1]).sort(), [...TABLE_NAMES].sort());
  });

  it('the Bicep keeps the security settings the admin guide promises', () => {
    for (const line of [
      "linuxFxVersion: 'NODE|22-lts'",
      'httpsOnly: true',
      'alwaysOn: true',
      "healthCheckPath: '/healthz'",
      "minimumTlsVersion: 'TLS1_2'",
      'allowBlobPublicAccess: false',
      'allowSharedKeyAccess: false',
      "msaAppType: 'UserAssignedMSI'",
      "channelName: 'MsTeamsChannel'",
      'capacity: int(appServiceInstanceCount)',
      "storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'",
      "endpoint: 'https://${tabDomain}/api/messages'",
    ]) {
      assert.ok(bicep.includes(line), `azure.bicep should contain: ${line}`);
    }
  });

  it('the parameters file sets only declared params, and every param without a default', () => {
    const declared = new Map(
      Array.from(bicep.matchAll(/^param\s+(\w+)\s+\w+(\s*=)?/gm), (m) => [m[1] ?? '', Boolean(m[2])]),
    );
    const given = Object.keys((JSON.parse(read('infra/azure.parameters.json')) as { parameters: object }).parameters);
    assert.deepEqual(
      given.filter((name) => !declared.has(name)),
      [],
    );
    assert.deepEqual(
      [...declared].filter(([name, hasDefault]) => !hasDefault && !given.includes(name)).map(([name]) => name),
      [],
    );
  });

  it('teamsapp.yml uses only known toolkit actions and points at files that exist', () => {
    const known = new Set([
      'aadApp/create',
      'aadApp/update',
      'teamsApp/create',
      'arm/deploy',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
      'cli/runNpmCommand',
      'azureAppService/zipDeploy',
      'teamsApp/publishAppPackage',
      'script',
    ]);
    assert.deepEqual(
      steps.map((s) => s.uses).filter((uses) => !known.has(uses)),
      [],
    );
    const scripts = steps.map((s) => /^node (\S+)$/.exec(String(s.with?.run ?? ''))?.[1]);
    const armTemplates = (s: Step) => (s.with?.templates as { path: string; parameters: string }[] | undefined) ?? [];
    const templates = steps.flatMap((s) => armTemplates(s).flatMap((t) => [t.path, t.parameters]));
    const paths = [...steps.flatMap((s) => [s.with?.manifestPath, s.with?.ignoreFile]), ...templates, ...scripts];
    for (const path of paths.filter((p): p is string => typeof p === 'string'))
      assert.ok(existsSync(join(ROOT, path)), `${path} should exist`);
    assert.deepEqual(
      stageSteps('deploy').map((s) => s.with?.args ?? s.uses),
      ['ci', 'run build', 'prune --omit=dev', 'azureAppService/zipDeploy'],
    );
  });

  it('the sign-in app exposes the URI the manifest asks Teams for, pre-authorising both Teams clients', () => {
    const aad = JSON.parse(read('infra/aad.manifest.json')) as {
      identifierUris: string[];
      oauth2Permissions: { value: string; id: string }[];
      preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
    };
    const manifest = JSON.parse(read('appPackage/manifest.json')) as { webApplicationInfo: { resource: string } };
    assert.deepEqual(aad.identifierUris, [manifest.webApplicationInfo.resource]);
    const scope = aad.oauth2Permissions.find((p) => p.value === 'access_as_user');
    assert.ok(scope);
    assert.deepEqual(
      aad.preAuthorizedApplications.map((a) => [a.appId, a.permissionIds]),
      [
        ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', [scope.id]],
        ['5e3ce6c0-2b1f-4285-8d4b-75ee78787346', [scope.id]],
      ],
    );
  });
});
