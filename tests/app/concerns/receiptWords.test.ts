import { strict as assert } from 'node:assert';
import { receiptWords } from '../../../bot/src/app/concerns/receiptWords.js';

describe('app/concerns/receiptWords: the reporter is told only what Teams confirmed', () => {
  it('says the DSL has been told only when Teams accepted the alert for every DSL', () => {
    assert.deepEqual(receiptWords({ toldDsls: 2, unreachedDsls: 0 }), {
      told: 'Thank you. The Designated Safeguarding Lead has been told.',
    });
  });

  it('when some DSLs were reached, says so and asks the reporter to phone as well', () => {
    const words = receiptWords({ toldDsls: 1, unreachedDsls: 1 });
    assert.match(words.told, /has been told/);
    assert.match(words.warning ?? '', /could not reach every safeguarding lead/);
  });

  it('when nobody was reached (Teams down, or no DSL set up), never says "told" and says to phone the DSL now', () => {
    const words = receiptWords({ toldDsls: 0, unreachedDsls: 1 });
    assert.doesNotMatch(words.told, /has been told/);
    assert.match(words.warning ?? '', /Tell your DSL in person or by phone now/);
  });

  it('a form sent twice claims nothing about the DSL', () => {
    assert.doesNotMatch(receiptWords(undefined).told, /told/);
  });

  it('a concern held while the school\'s records are down says it is kept and will be filed, never "stored"', () => {
    const told = receiptWords({ toldDsls: 1, unreachedDsls: 0, held: true });
    assert.match(told.told, /keeping your concern safely and will file it/);
    assert.match(told.told, /has been told/);
    assert.doesNotMatch(told.told, /is stored/);
    const nobody = receiptWords({ toldDsls: 0, unreachedDsls: 1, held: true });
    assert.match(nobody.told, /will file it/);
    assert.doesNotMatch(nobody.told, /is stored|has been told/);
    assert.match(nobody.warning ?? '', /Tell your DSL in person or by phone now/);
  });

  describe('with the DSL phone number the school gave', () => {
    const phone = '01632 960 123';

    it('when nobody was reached, says to phone the DSL now on that number with the reference', () => {
      assert.equal(
        receiptWords({ toldDsls: 0, unreachedDsls: 1 }, phone).warning,
        'Phone the DSL now on 01632 960 123 and give them the reference.',
      );
      assert.equal(
        receiptWords({ toldDsls: 0, unreachedDsls: 1, held: true }, phone).warning,
        'Phone the DSL now on 01632 960 123 and give them the reference.',
      );
    });

    it('when some were not reached, gives the number for a child who may be at risk', () => {
      assert.match(
        receiptWords({ toldDsls: 1, unreachedDsls: 1 }, phone).warning ?? '',
        /If a child may be at risk, phone the DSL as well on 01632 960 123\./,
      );
    });

    it('says nothing about phoning when every DSL was told, and the same words without a number as before', () => {
      assert.deepEqual(
        receiptWords({ toldDsls: 2, unreachedDsls: 0 }, phone),
        receiptWords({ toldDsls: 2, unreachedDsls: 0 }),
      );
      assert.doesNotMatch(JSON.stringify(receiptWords({ toldDsls: 0, unreachedDsls: 1 })), /\d{3}/);
      assert.doesNotMatch(receiptWords(undefined, phone).told, /01632/);
    });
  });
});
