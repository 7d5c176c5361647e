import { strict as assert } from 'node:assert';
import { findPlaceholders, fillPlaceholders } from '../../appPackage/scripts/placeholders.js';
import {
  armParameters,
  bicepAppSettings,
  bicepDeliberatelyAbsent,
  configSettings,
  deployableEnvironments,
  read,
  readmeSettings,
  stageSteps,
} from './shippingFiles.js';

// Every file is read as it is when the tests run, so a setting added to or removed from
// bot/src/config.ts shows up here as the other files that must follow it.

/** App settings read by App Service itself, not by the service. */
const PLATFORM_SETTINGS = ['WEBSITES_PORT', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];

/** Values the toolkit asks for itself when they are empty. */
const TOOLKIT_ASKS = ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

/** Values only the admin can know, empty in the templates; the admin guide tells them to fill each in. */
const ADMIN_FILLS_IN = ['RESOURCE_SUFFIX'];

const missingFrom = (names: Iterable<string>, from: Iterable<string>): string[] => {
  const have = new Set(from);
  return [...new Set(names)].filter((name) => !have.has(name));
};

describe('infra: settings agree across config.ts, the README, the Bicep, the parameters and the env templates', () => {
  it('finds something in every file (a guard against vacuous passes)', () => {
    for (const names of [configSettings(), readmeSettings(), [...bicepAppSettings().keys()]])
      assert.ok(names.includes('BOT_ID'));
    assert.ok(armParameters().size > 10);
    assert.deepEqual([...deployableEnvironments().keys()].sort(), ['dev', 'prod']);
  });

  it('the README documents exactly the settings config.ts reads', () => {
    assert.deepEqual(missingFrom(readmeSettings(), configSettings()), [], 'README rows that config.ts does not read');
    assert.deepEqual(
      missingFrom(configSettings(), readmeSettings()),
      [],
      'settings config.ts reads that the README does not document',
    );
  });

  it('every app setting the Bicep sets is one config.ts reads and the README documents', () => {
    const service = [...bicepAppSettings().keys()].filter((name) => !PLATFORM_SETTINGS.includes(name));
    assert.deepEqual(missingFrom(service, configSettings()), [], 'not read by config.ts');
    assert.deepEqual(missingFrom(service, readmeSettings()), [], 'not in the README');
  });

  it('every setting config.ts reads is set by the Bicep, or listed in its comment as deliberately absent', () => {
    const absent = bicepDeliberatelyAbsent();
    assert.ok(absent.includes('STORAGE_CONNECTION_STRING'), 'the Bicep comment lists what it leaves out');
    assert.deepEqual(
      missingFrom(configSettings(), [...bicepAppSettings().keys(), ...absent]),
      [],
      'neither set nor explained',
    );
    assert.deepEqual(
      absent.filter((name) => bicepAppSettings().has(name)),
      [],
      'listed as absent but set',
    );
    assert.deepEqual(missingFrom(absent, configSettings()), [], 'listed as absent but config.ts no longer reads it');
  });

  it('a setting an env file passes through the parameters reaches the Web App under its own name', () => {
    const settings = bicepAppSettings();
    const config = new Set(configSettings());
    const passed = [...armParameters()].flatMap(([param, value]) => {
      const name = typeof value === 'string' ? /^\$\{\{([A-Z][A-Z0-9_]*)\}\}$/.exec(value)?.[1] : undefined;
      return name && config.has(name) ? [[param, name] as const] : [];
    });
    assert.ok(
      passed.some(([, name]) => name === 'GRAPH_ENFORCE_SETTINGS'),
      'GRAPH_ENFORCE_SETTINGS comes from the env file',
    );
    for (const [param, name] of passed) {
      assert.match(
        settings.get(name) ?? '',
        new RegExp(`\\b${param}\\b`),
        `app setting ${name} should take its value from parameter ${param}`,
      );
    }
  });

  it('every deployable env template gives each parameter a value, as the toolkit refuses an empty one', () => {
    const provision = stageSteps('provision');
    const armAt = provision.findIndex((step) => step.uses === 'arm/deploy');
    const writtenBefore = new Set(
      provision.slice(0, armAt).flatMap((step) => Object.values(step.writeToEnvironmentFile ?? {})),
    );
    const needed = findPlaceholders(read('infra/azure.parameters.json')).filter(
      (name) => !writtenBefore.has(name) && !TOOLKIT_ASKS.includes(name),
    );
    for (const [env, values] of deployableEnvironments()) {
      const empty = needed.filter((name) => !values.get(name));
      assert.deepEqual(
        empty.filter((name) => !ADMIN_FILLS_IN.includes(name)),
        [],
        `env/.env.${env} (with its .user.example) leaves these empty`,
      );
      for (const name of empty) assert.ok(values.has(name), `env/.env.${env} should have a line for ${name}`);
    }
    const guide = read('README.md').slice(read('README.md').indexOf('\n## Admin guide'));
    for (const name of ADMIN_FILLS_IN)
      assert.match(guide, new RegExp(`\`${name}\``), `the admin guide should tell the admin to fill in ${name}`);
  });

  it('production is named "Chaperone", the pilot "Chaperone (dev)", and both correct lesson settings by default', () => {
    const environments = deployableEnvironments();
    const appName = (env: string): string => {
      const manifest = JSON.parse(
        fillPlaceholders(read('appPackage/manifest.json'), environments.get(env) ?? new Map()),
      ) as { name: { short: string } };
      return manifest.name.short;
    };
    assert.equal(appName('prod'), 'Chaperone');
    assert.equal(appName('dev'), 'Chaperone (dev)');
    for (const [env, values] of environments)
      assert.equal(values.get('GRAPH_ENFORCE_SETTINGS'), 'true', `env/.env.${env}`);
  });
});
