import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMMANDS } from '../../bot/src/teams/messages/commandTable.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface CommandList {
  scopes: string[];
  commands: { title: string; description?: string }[];
}

const bot = (
  JSON.parse(readFileSync(join(ROOT, 'appPackage/manifest.json'), 'utf8')) as {
    bots: { commandLists: CommandList[] }[];
  }
).bots[0]!;

/** What Teams suggests in `scope`; a scope in no list gets none. */
const commandsIn = (scope: string): CommandList['commands'] =>
  bot.commandLists.filter((list) => list.scopes.includes(scope)).flatMap((list) => list.commands);
const titlesIn = (scope: string): string[] => commandsIn(scope).map((c) => c.title);

/** Commands that only the safeguarding team can use, from the command table itself. */
const DSL_ONLY = Object.entries(COMMANDS)
  .filter(([, command]) => command.audience === 'dsl')
  .map(([name]) => name);

/** Staff commands that still show safeguarding records (a concern list), so they stay out of shared chats. */
const SHOWS_RECORDS = ['concerns'];

describe('appPackage: bot command suggestions per scope', () => {
  it('reads the DSL-only commands from the command table (a guard against a vacuous pass)', () => {
    assert.deepEqual([...DSL_ONLY].sort(), ['ack', 'action', 'close', 'export', 'level']);
  });

  it('suggests only commands the bot knows, each once per scope', () => {
    for (const scope of ['personal', 'groupChat', 'team']) {
      const titles = titlesIn(scope);
      assert.deepEqual(
        titles.filter((title) => !(title in COMMANDS)),
        [],
        `unknown commands in ${scope}`,
      );
      assert.equal(new Set(titles).size, titles.length, `a command is listed twice in ${scope}`);
    }
  });

  it('never suggests a DSL-only or record-showing command in a group chat or team, where pupils and parents read', () => {
    for (const scope of ['groupChat', 'team']) {
      const shown = titlesIn(scope);
      assert.ok(shown.length > 0, `${scope} should offer the staff commands`);
      assert.deepEqual(
        shown.filter((title) => DSL_ONLY.includes(title) || SHOWS_RECORDS.includes(title)),
        [],
        scope,
      );
      for (const command of commandsIn(scope)) {
        assert.match(
          command.description ?? '',
          /private chat/,
          `${scope} "${command.title}" should say the answer comes privately`,
        );
      }
    }
  });

  it('keeps every staff command in the 1:1 chat, and no DSL-only one', () => {
    const staff = Object.entries(COMMANDS)
      .filter(([, command]) => command.audience === 'staff')
      .map(([name]) => name);
    assert.deepEqual([...titlesIn('personal')].sort(), [...staff].sort());
  });
});
