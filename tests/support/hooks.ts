import { stopSharedAzurite } from './azurite.js';

/** Mocha root hooks: release what the shared fixtures started. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopSharedAzurite();
  },
};
