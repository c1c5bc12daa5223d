import { SlidingWindowStorage } from './sliding-window-storage';

const MINUTE = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % MINUTE);

describe('SlidingWindowStorage', () => {
  it('lets the limit through and refuses the next request, for the block duration', () => {
    const storage = new SlidingWindowStorage();
    const hits = Array.from({ length: 5 }, (_, i) =>
      storage.count('ip', MINUTE, 5, MINUTE, T0 + i),
    );
    expect(hits.map((hit) => [hit.totalHits, hit.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
    ]);
    expect(storage.count('ip', MINUTE, 5, MINUTE, T0 + 10)).toEqual({
      totalHits: 6,
      timeToExpire: 60,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    // Still held back in the next window, until the block ends; then counted afresh.
    expect(storage.count('ip', MINUTE, 5, MINUTE, T0 + MINUTE + 5).isBlocked).toBe(true);
    expect(storage.count('ip', MINUTE, 5, MINUTE, T0 + MINUTE + 5).timeToBlockExpire).toBe(1);
    expect(storage.count('ip', MINUTE, 5, MINUTE, T0 + MINUTE + 10)).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('counts each client apart', () => {
    const storage = new SlidingWindowStorage();
    for (let i = 0; i < 3; i++) storage.count('a', MINUTE, 3, MINUTE, T0 + i);
    expect(storage.count('a', MINUTE, 3, MINUTE, T0 + 3).isBlocked).toBe(true);
    expect(storage.count('b', MINUTE, 3, MINUTE, T0 + 3)).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('counts the requests of the last minute exactly, wherever the minute starts', () => {
    const storage = new SlidingWindowStorage();
    for (let i = 0; i < 100; i++) storage.count('ip', MINUTE, 1_000, MINUTE, T0 + i * 600);
    // 59.4 s after the first request, the first one has left: 99 remain, and this one.
    expect(storage.count('ip', MINUTE, 1_000, MINUTE, T0 + MINUTE + 1).totalHits).toBe(100);
    expect(storage.count('ip', MINUTE, 1_000, MINUTE, T0 + MINUTE + 30_000).totalHits).toBe(51);
    expect(storage.count('ip', MINUTE, 1_000, MINUTE, T0 + 3 * MINUTE).totalHits).toBe(1);
  });

  it('never lets a client through more than the limit in any sliding minute', () => {
    const storage = new SlidingWindowStorage();
    // A steady client at twice the limit, across window boundaries and blocks.
    const allowed: number[] = [];
    for (let t = 7_000; t < 10 * MINUTE; t += 100) {
      if (!storage.count('ip', MINUTE, 300, MINUTE, T0 + t).isBlocked) allowed.push(t);
    }
    const mostInAMinute = Math.max(
      ...allowed.map((start) => allowed.filter((t) => t >= start && t < start + MINUTE).length),
    );
    expect(mostInAMinute).toBe(300);
    // Let through again after each block: 300 every minute and a half.
    expect(allowed.length).toBeGreaterThanOrEqual(6 * 300);
  });

  it('keeps counting exactly past the batches of expired requests it drops', () => {
    const storage = new SlidingWindowStorage();
    // 50 requests a second for three minutes: 3,000 live at any time, 6,000 dropped on the way.
    let last = storage.count('ip', MINUTE, 1e8, MINUTE, T0);
    for (let t = 20; t < 3 * MINUTE; t += 20)
      last = storage.count('ip', MINUTE, 1e8, MINUTE, T0 + t);
    expect(last.totalHits).toBe(3_000);
  });

  it('forgets clients whose requests have all left the window', () => {
    const storage = new SlidingWindowStorage();
    storage.count('gone', MINUTE, 10, MINUTE, T0);
    storage.count('here', MINUTE, 10, MINUTE, T0 + 2 * MINUTE);
    storage.count('here', MINUTE, 10, MINUTE, T0 + 3 * MINUTE);
    expect(storage.size).toBe(1);
  });
});
