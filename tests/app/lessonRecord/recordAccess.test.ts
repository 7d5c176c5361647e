import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { mayReadRecord } from '../../../bot/src/app/lessonRecord/recordAccess.js';
import type { ParticipantDirectory } from '../../../bot/src/app/ports.js';
import { at, join, meeting, pupil, staff, started } from '../../domain/builders.js';

function makeSut(team: { dsl?: string[]; deputies?: string[]; slt?: string[] } = {}) {
  const directory: ParticipantDirectory = {
    classify: sinon.stub().resolves('staff'),
    isDsl: sinon.stub().callsFake(async (_t: string, id: string) => (team.dsl ?? []).includes(id)),
    listDsls: sinon.stub().resolves([]),
    listEscalation: sinon
      .stub()
      .callsFake(async (_t: string, step: 'deputies' | 'slt') =>
        (team[step] ?? []).map((id) => ({ aadObjectId: id, name: '' })),
      ),
  };
  const lesson = meeting(
    started(at(0), { organizerId: 'organiser' }),
    join(staff('teacher'), at(0)),
    join(pupil('amira'), at(1)),
  );
  return { directory, lesson, may: (id: string) => mayReadRecord(directory, lesson, id) };
}

describe('app/lessonRecord/recordAccess: who may read a lesson record', () => {
  it('lets staff who were in the lesson, and its organiser, read it without asking the directory', async () => {
    const sut = makeSut();
    assert.equal(await sut.may('teacher'), true);
    assert.equal(await sut.may('organiser'), true);
    sinon.assert.notCalled(sut.directory.isDsl as sinon.SinonStub);
  });

  it('lets the DSL, a deputy and a senior leader read any lesson, and nobody else who was not in it', async () => {
    const sut = makeSut({ dsl: ['dsl'], deputies: ['deputy'], slt: ['head'] });
    assert.deepEqual(await Promise.all(['dsl', 'deputy', 'head', 'colleague'].map(sut.may)), [true, true, true, false]);
  });
});
