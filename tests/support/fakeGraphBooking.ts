/** The local fake of the delegated Graph calendar calls lives with the simulator, which books lessons with it too. */
export * from '../../bot/src/dev/graph/fakeCalendarGraph.js';
