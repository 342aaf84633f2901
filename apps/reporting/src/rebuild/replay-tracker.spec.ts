import { ReplayTracker } from './replay-tracker';

describe('ReplayTracker', () => {
  it.each([
    { case: 'no marker yet', handled: 3, marker: null, done: false },
    { case: 'marker before the last events are handled', handled: 2, marker: 3, done: false },
    { case: 'every event handled and the marker seen', handled: 3, marker: 3, done: true },
    { case: 'an empty replay', handled: 0, marker: 0, done: true },
  ])('$case: done is $done', ({ handled, marker, done }) => {
    const tracker = new ReplayTracker();
    for (let i = 0; i < handled; i += 1) tracker.handledOne(i === 0 ? 'rejected' : 'stored');
    if (marker !== null) tracker.completed(marker);
    expect(tracker.done).toBe(done);
    expect(tracker.counts).toEqual({
      expected: marker,
      handled,
      rejected: handled > 0 ? 1 : 0,
    });
  });
});
