import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseEnvFile } from '../../appPackage/scripts/env-file.js';
import { findPlaceholders } from '../../appPackage/scripts/placeholders.js';
import { TABLE_NAMES } from '../../bot/src/storage/tableClients.js';

// We cannot compile Bicep here, so these tests hold the shipping files to each other by name.
const ROOT = resolve(import.meta.dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

const bicep = read('infra/azure.bicep');
const yml = parse(read('teamsapp.yml')) as Record<string, Step[] | unknown>;

interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

const STAGES = ['provision', 'deploy', 'publish'] as const;
const steps = STAGES.flatMap((stage) => (yml[stage] as Step[] | undefined) ?? []);

/** Settings the service reads (the brief's list; bot/src/config.ts is added below). */
const SERVICE_SETTINGS = [
  'PORT', 'BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID', 'BOT_TYPE', 'STORAGE_CONNECTION_STRING', 'STORAGE_ACCOUNT_URL',
  'AZURE_CLIENT_ID', 'AAD_APP_CLIENT_ID', 'AAD_APP_TENANT_ID', 'AAD_APP_ALLOWED_TENANTS', 'AAD_AUTHORITY_HOST',
  'AUTH_JWKS_URI', 'AUTH_ISSUER', 'TAB_DOMAIN', 'POLICY_PRESET', 'POLICY_FILE', 'STAFF_DIRECTORY_FILE', 'STAFF_GROUP_ID',
  'GRAPH_BASE_URL', 'GRAPH_ENFORCE_SETTINGS', 'CALLING_BOT_ENABLED', 'SWEEP_INTERVAL_MS', 'LOG_LEVEL',
  'APPLICATIONINSIGHTS_CONNECTION_STRING', 'NODE_ENV',
];

/** Settings deliberately not set in Azure; the Bicep's comment says why for each. */
const NOT_IN_PRODUCTION = ['STORAGE_CONNECTION_STRING', 'AUTH_JWKS_URI', 'AUTH_ISSUER', 'BOT_OPENID_METADATA_URL', 'DATA_DIR', 'STORAGE_TABLE_PREFIX'];

/** Names in `const envSchema = z.object({ ... })` of bot/src/config.ts, if that file exists. */
function configSettings(): string[] {
  const path = join(ROOT, 'bot/src/config.ts');
  if (!existsSync(path)) return [];
  const block = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(readFileSync(path, 'utf8'))?.[1] ?? '';
  return Array.from(block.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm), (m) => m[1] ?? '');
}

function bicepAppSettingNames(): string[] {
  return Array.from(bicep.matchAll(/\{\s*name:\s*'([A-Z][A-Z0-9_]*)',\s*value:/g), (m) => m[1] ?? '');
}

function envTemplates(): Map<string, Set<string>> {
  const templates = new Map<string, Set<string>>();
  for (const name of readdirSync(join(ROOT, 'env'))) {
    if (!name.startsWith('.env.') || name.endsWith('.user')) continue;
    templates.set(name, new Set(parseEnvFile(read(`env/${name}`), name).keys()));
  }
  return templates;
}

describe('infra: shipping files agree with each other', () => {
  it('finds the env templates, Bicep outputs and yml steps it checks (a guard against vacuous passes)', () => {
    assert.ok(envTemplates().has('.env.local') && envTemplates().has('.env.dev'));
    assert.ok(steps.length >= 10);
    assert.ok(configSettings().length === 0 || configSettings().includes('PORT'));
  });

  it('every ${{VAR}} in the manifest, teamsapp.yml and infra templates is produced by an action, a Bicep output or an env template', () => {
    const produced = new Set<string>([
      ...steps.flatMap((step) => Object.values(step.writeToEnvironmentFile ?? {})),
      ...Array.from(bicep.matchAll(/^output\s+([A-Z][A-Z0-9_]*)\s/gm), (m) => m[1] ?? ''),
    ]);
    const listed = new Set([...envTemplates().values()].flatMap((names) => [...names]));
    const unexplained: string[] = [];
    for (const file of ['appPackage/manifest.json', 'teamsapp.yml', 'infra/azure.parameters.json', 'infra/aad.manifest.json']) {
      for (const name of findPlaceholders(read(file))) {
        if (!produced.has(name) && !listed.has(name)) unexplained.push(`${file}: ${name}`);
      }
    }
    assert.deepEqual(unexplained, []);
  });

  it('env/.env.local sets every manifest placeholder, so `npm run package` works on a fresh clone', () => {
    const local = envTemplates().get('.env.local') ?? new Set();
    assert.deepEqual(findPlaceholders(read('appPackage/manifest.json')).filter((name) => !local.has(name)), []);
  });

  it('every setting the service reads is an app setting in the Bicep, or documented as absent in production', () => {
    const inBicep = new Set(bicepAppSettingNames());
    const wanted = [...new Set([...SERVICE_SETTINGS, ...configSettings()])].filter((name) => !NOT_IN_PRODUCTION.includes(name));
    assert.deepEqual(wanted.filter((name) => !inBicep.has(name)), []);
    for (const name of NOT_IN_PRODUCTION) {
      assert.ok(!inBicep.has(name), `${name} must not be set in production`);
      assert.match(bicep, new RegExp(`//.*\\b${name}\\b`), `the Bicep comment should say why ${name} is absent`);
    }
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
      "linuxFxVersion: 'NODE|22-lts'", 'httpsOnly: true', 'alwaysOn: true', "healthCheckPath: '/healthz'",
      "minimumTlsVersion: 'TLS1_2'", 'allowBlobPublicAccess: false', 'allowSharedKeyAccess: false',
      "msaAppType: 'UserAssignedMSI'", "channelName: 'MsTeamsChannel'", 'capacity: int(appServiceInstanceCount)',
      "storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'", "endpoint: 'https://${tabDomain}/api/messages'",
    ]) {
      assert.ok(bicep.includes(line), `azure.bicep should contain: ${line}`);
    }
  });

  it('the parameters file sets only declared params, and every param without a default', () => {
    const declared = new Map(Array.from(bicep.matchAll(/^param\s+(\w+)\s+\w+(\s*=)?/gm), (m) => [m[1] ?? '', Boolean(m[2])]));
    const given = Object.keys((JSON.parse(read('infra/azure.parameters.json')) as { parameters: object }).parameters);
    assert.deepEqual(given.filter((name) => !declared.has(name)), []);
    assert.deepEqual([...declared].filter(([name, hasDefault]) => !hasDefault && !given.includes(name)).map(([name]) => name), []);
  });

  it('teamsapp.yml uses only known toolkit actions and points at files that exist', () => {
    const known = new Set([
      'aadApp/create', 'aadApp/update', 'teamsApp/create', 'arm/deploy', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage', 'teamsApp/update', 'cli/runNpmCommand', 'azureAppService/zipDeploy', 'teamsApp/publishAppPackage',
    ]);
    assert.deepEqual(steps.map((s) => s.uses).filter((uses) => !known.has(uses)), []);
    const paths = steps.flatMap((s) => [s.with?.manifestPath, s.with?.ignoreFile, ...((s.with?.templates as { path: string; parameters: string }[] | undefined) ?? []).flatMap((t) => [t.path, t.parameters])]);
    for (const path of paths.filter((p): p is string => typeof p === 'string')) assert.ok(existsSync(join(ROOT, path)), `${path} should exist`);
    assert.deepEqual((yml.deploy as Step[]).map((s) => s.with?.args ?? s.uses), ['ci', 'run build', 'prune --omit=dev', 'azureAppService/zipDeploy']);
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
      [['1fec8e78-bce4-4aaf-ab1b-5451cc387264', [scope.id]], ['5e3ce6c0-2b1f-4285-8d4b-75ee78787346', [scope.id]]],
    );
  });
});
