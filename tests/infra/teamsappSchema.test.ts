import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

// The toolkit parses teamsapp.yml and checks it with ajv against the schema of the version it
// declares before running any action; these tests do the same offline with the vendored schema.
const ROOT = resolve(import.meta.dirname, '..', '..');
const SCHEMA_FILE = 'infra/schemas/teamsapp.v1.11.yaml.schema.json';
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

type Doc = Record<string, unknown> & { provision: Step[] };
interface Step {
  uses: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}

function compileSchema(): ValidateFunction {
  // The same options the toolkit uses; `deprecationMessage` is its own annotation keyword.
  const ajv = new Ajv({ allowUnionTypes: true, allErrors: true });
  ajv.addKeyword('deprecationMessage');
  return ajv.compile(JSON.parse(read(SCHEMA_FILE)) as object);
}

const validate = compileSchema();
const current = (): Doc => parse(read('teamsapp.yml')) as Doc;

function problems(doc: unknown): string[] {
  return validate(doc)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

const aadCreate = (doc: Doc): Step => doc.provision.find((step) => step.uses === 'aadApp/create')!;

describe('infra: teamsapp.yml against the toolkit schema', () => {
  it('declares the version of the vendored schema, and the editor schema line points at the same version', () => {
    const schema = JSON.parse(read(SCHEMA_FILE)) as { properties: { version: { const: string } } };
    assert.equal(current().version, schema.properties.version.const);
    assert.match(
      read('teamsapp.yml'),
      new RegExp(
        `^# yaml-language-server: \\$schema=\\S+/${schema.properties.version.const}/yaml\\.schema\\.json$`,
        'm',
      ),
    );
  });

  it('is valid against that schema', () => {
    assert.deepEqual(problems(current()), []);
  });

  it('rejects a file that still declares the old version v1.8', () => {
    assert.notDeepEqual(problems({ ...current(), version: 'v1.8' }), []);
  });

  it('rejects an unknown option and a placeholder where the schema wants a fixed sign-in audience', () => {
    const unknown = current();
    aadCreate(unknown).with = { ...aadCreate(unknown).with, generateServicePrincipals: true };
    assert.ok(problems(unknown).some((p) => p.includes('generateServicePrincipals')));

    const placeholder = current();
    aadCreate(placeholder).with = { ...aadCreate(placeholder).with, signInAudience: '${{AAD_APP_SIGN_IN_AUDIENCE}}' };
    assert.ok(problems(placeholder).some((p) => p.includes('/signInAudience')));
  });

  it('creates the sign-in app with a service principal and a secret (for booking), and sets its audience before aadApp/update', () => {
    const doc = current();
    const name = 'Chaperone${{APP_NAME_SUFFIX}} sign-in';
    // The secret goes to the web app as AAD_APP_CLIENT_SECRET, for the on-behalf-of exchange booking uses.
    assert.equal(aadCreate(doc).writeToEnvironmentFile?.clientSecret, 'SECRET_AAD_APP_CLIENT_SECRET');
    assert.deepEqual(aadCreate(doc).with, {
      name,
      generateClientSecret: true,
      generateServicePrincipal: true,
      signInAudience: 'AzureADMyOrg',
    });
    const uses = doc.provision.map((step) => step.with?.run ?? step.uses);
    assert.ok(uses.indexOf('node infra/signInAudience.mjs') >= 0);
    assert.ok(uses.indexOf('node infra/signInAudience.mjs') < uses.indexOf('aadApp/update'));
    assert.match(read('infra/aad.manifest.json'), /"signInAudience": "\$\{\{AAD_APP_SIGN_IN_AUDIENCE\}\}"/);
  });
});
