import { strict as assert } from 'node:assert';
import { RestError } from '@azure/data-tables';
import { errorFacts, errorFrames } from '../../bot/src/app/errorFacts.js';

describe('app: what a log line says about an error', () => {
  // Logs must hold no names or concern text; a parser quotes the text it failed on in its message.
  const concernText = 'Amelia (FAKE) said she is scared to go home';

  function parseFailure(): Error {
    try {
      JSON.parse(concernText);
    } catch (error) {
      return error as Error;
    }
    throw new Error('JSON.parse accepted plain text');
  }

  it('names the error and never carries its message, even when the message quotes what was being handled', () => {
    const error = parseFailure();
    assert.ok(error.message.includes('Amelia'), 'the premise: the parser quotes its input');
    const facts = errorFacts(error);
    assert.deepEqual(facts, { name: 'SyntaxError' });
    assert.ok(!JSON.stringify(facts).includes('Amelia'));
  });

  it("keeps a storage or Graph error's status and code, which say what failed without saying about whom", () => {
    const error = new RestError(`Entity for ${concernText} exists`, { statusCode: 409, code: 'EntityAlreadyExists' });
    assert.deepEqual(errorFacts(error), { name: 'RestError', status: 409, code: 'EntityAlreadyExists' });
    const fetchStyle = Object.assign(new Error('x'), { status: 503, code: 'ECONNRESET' });
    assert.deepEqual(errorFacts(fetchStyle), { name: 'Error', status: 503, code: 'ECONNRESET' });
  });

  it('leaves out a code that is free text rather than an identifier', () => {
    const error = Object.assign(new Error('x'), { code: concernText });
    assert.deepEqual(errorFacts(error), { name: 'Error' });
  });

  it('describes a thrown value that is not an error by its type only', () => {
    assert.deepEqual(errorFacts(concernText), { name: 'string' });
    assert.deepEqual(errorFacts(null), { name: 'null' });
  });

  it("gives where an error was thrown as the stack's frames, without the first line that repeats the message", () => {
    const frames = errorFrames(parseFailure());
    assert.ok(frames.length > 0);
    assert.ok(frames.every((frame) => frame.startsWith('at ')));
    assert.ok(frames.some((frame) => frame.includes('parseFailure')));
    assert.ok(!frames.join('\n').includes('Amelia'));
    assert.deepEqual(errorFrames('not an error'), []);
  });
});
