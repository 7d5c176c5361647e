import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { buildAppPackage } from '../../appPackage/scripts/build-package.js';
import { parseEnvFile } from '../../appPackage/scripts/env-file.js';
import { validateManifest } from '../../appPackage/scripts/manifest-schema.js';
import { fillPlaceholders } from '../../appPackage/scripts/placeholders.js';
import { encodePng, readPngSize } from '../../appPackage/scripts/png.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TEMPLATE_DIR = join(ROOT, 'appPackage');
const ENV_DIR = join(ROOT, 'env');

/** The RSC permissions the code uses, each justified in the README admin guide. */
const EXPECTED_RSC = [
  'OnlineMeeting.ReadBasic.Chat',
  'OnlineMeetingParticipant.Read.Chat',
  'OnlineMeetingNotification.Send.Chat',
  'ChannelMeeting.ReadBasic.Group',
  'ChannelMeetingParticipant.Read.Group',
  'ChannelMeetingNotification.Send.Group',
];

/** The parts of a built manifest these tests read. */
interface ManifestView {
  id: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  configurableTabs: { context: string[]; configurationUrl: string }[];
  validDomains: string[];
  webApplicationInfo: { resource: string };
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
}

describe('appPackage: npm run package', () => {
  let work: string;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'chaperone-package-'));
  });
  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /** A copy of the committed template with `edit` applied to its manifest. */
  function editTemplate(edit: (manifest: Record<string, unknown>) => void): string {
    const dir = join(work, 'template');
    copyDir(TEMPLATE_DIR, dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    edit(manifest);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    return dir;
  }

  it('builds a zip of exactly manifest.json, color.png and outline.png from the template and env/.env.local', async () => {
    const built = await buildAppPackage({ envName: 'local', outDir: join(work, 'build') });

    assert.equal(built.zipPath, join(work, 'build', 'appPackage.local.zip'));
    const zip = await JSZip.loadAsync(readFileSync(built.zipPath));
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);

    const text = await zip.file('manifest.json')!.async('string');
    assert.doesNotMatch(text, /\$\{\{/, 'every placeholder is filled');
    const manifest = JSON.parse(text) as ManifestView;
    await validateManifest(manifest); // throws if the zipped manifest is not schema-valid

    const env = parseEnvFile(readFileSync(join(ENV_DIR, '.env.local'), 'utf8'));
    assert.equal(manifest.id, env.get('TEAMS_APP_ID'));
    assert.equal(manifest.bots[0]?.botId, env.get('BOT_ID'));
    assert.deepEqual(manifest.validDomains, [env.get('TAB_DOMAIN')]);
    assert.equal(
      manifest.webApplicationInfo.resource,
      `api://${env.get('TAB_DOMAIN')}/${env.get('AAD_APP_CLIENT_ID')}`,
    );
    assert.deepEqual(
      manifest.authorization.permissions.resourceSpecific.map((p) => `${p.name}:${p.type}`),
      EXPECTED_RSC.map((name) => `${name}:Application`),
    );
    assert.deepEqual(readPngSize(await zip.file('color.png')!.async('uint8array')), { width: 192, height: 192 });
    assert.deepEqual(readPngSize(await zip.file('outline.png')!.async('uint8array')), { width: 32, height: 32 });
  });

  it('offers the bot in 1:1, group and team chats (commands per scope: commandLists.test.ts), and the tab in the three meeting contexts', async () => {
    const built = await buildAppPackage({ envName: 'local', outDir: join(work, 'build') });
    const manifest = built.manifest as unknown as ManifestView;
    const bot = manifest.bots[0]!;
    assert.deepEqual(bot.scopes, ['personal', 'team', 'groupChat']);
    assert.deepEqual(
      bot.commandLists.map((list) => list.scopes),
      [['personal'], ['groupChat', 'team']],
    );
    const tab = manifest.configurableTabs[0]!;
    assert.deepEqual(tab.context, ['meetingSidePanel', 'meetingDetailsTab', 'meetingChatTab']);
    assert.match(tab.configurationUrl, /^http:\/\/localhost:3978\/tab\/index\.html\?context=/);
  });

  it('fails on a schema error, naming the path of the bad field', async () => {
    const templateDir = editTemplate((m) => {
      m.accentColor = 42;
      (m.bots as ManifestView['bots'])[0]!.scopes = ['everyone'];
    });
    await assert.rejects(
      buildAppPackage({ envName: 'local', templateDir, outDir: join(work, 'build') }),
      (error: Error) => {
        assert.match(error.message, /at \/accentColor \(manifest\.json\): must be string/);
        assert.match(
          error.message,
          /at \/bots\/0\/scopes\/0 \(manifest\.json\): must be equal to one of the allowed values/,
        );
        return true;
      },
    );
  });

  it('fails when the env file lacks variables, naming every one', async () => {
    const envDir = join(work, 'env');
    copyDir(ENV_DIR, envDir);
    const trimmed = readFileSync(join(envDir, '.env.local'), 'utf8').replace(/^(BOT_ID|TAB_DOMAIN)=.*$/gm, '');
    writeFileSync(join(envDir, '.env.local'), trimmed);
    await assert.rejects(buildAppPackage({ envName: 'local', envDir, outDir: join(work, 'build') }), (error: Error) => {
      assert.match(error.message, /BOT_ID is not set/);
      assert.match(error.message, /TAB_DOMAIN is not set/);
      assert.doesNotMatch(error.message, /TAB_ENDPOINT/);
      return true;
    });
  });

  it('fails when an icon is the wrong size, saying the size Teams needs', async () => {
    const templateDir = editTemplate(() => undefined);
    writeFileSync(join(templateDir, 'color.png'), encodePng(100, 100, new Uint8Array(100 * 100 * 4)));
    await assert.rejects(
      buildAppPackage({ envName: 'local', templateDir, outDir: join(work, 'build') }),
      /icons\.color \(color\.png\) is 100x100; Teams needs 192x192/,
    );
  });

  it('fails when an icon is not a PNG', async () => {
    const templateDir = editTemplate(() => undefined);
    writeFileSync(join(templateDir, 'outline.png'), 'GIF89a not a png');
    await assert.rejects(
      buildAppPackage({ envName: 'local', templateDir, outDir: join(work, 'build') }),
      /icons\.outline \(outline\.png\) is not a PNG file/,
    );
  });

  it('refuses an environment name that could escape env/', async () => {
    await assert.rejects(
      buildAppPackage({ envName: '../secrets', outDir: join(work, 'build') }),
      /not an environment name/,
    );
  });
});

describe('appPackage: env files and placeholders', () => {
  it('parses comments, export, quotes and inline comments the way dotenv does', () => {
    const env = parseEnvFile(
      ['# comment', '', 'export A=1', 'B = " spaced (dev)" ', "C='x # not a comment'", 'D=plain # comment', 'E='].join(
        '\n',
      ),
    );
    assert.deepEqual(
      [...env],
      [
        ['A', '1'],
        ['B', ' spaced (dev)'],
        ['C', 'x # not a comment'],
        ['D', 'plain'],
        ['E', ''],
      ],
    );
  });

  it('names the line of anything that is not NAME=value', () => {
    assert.throws(
      () => parseEnvFile('A=1\nnot a setting\n', 'env/.env.test'),
      /env\/\.env\.test line 2 is not NAME=value/,
    );
  });

  it('fills a value containing quotes as JSON string content, and an empty value as nothing', () => {
    const env = new Map([
      ['NAME', 'St "Mary\'s" \\ School'],
      ['SUFFIX', ''],
    ]);
    const filled = fillPlaceholders('{"n":"${{NAME}}${{ SUFFIX }}"}', env);
    assert.deepEqual(JSON.parse(filled), { n: 'St "Mary\'s" \\ School' });
  });
});

/** Copies a folder, leaving out build output and the packaging scripts. */
function copyDir(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (src) => !/[\\/](build|scripts)$/.test(src) });
}
