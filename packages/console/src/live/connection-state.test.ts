import { describe, expect, it } from 'vitest';
import {
  OFFLINE_AFTER_FAILURES,
  initialConnection,
  nextConnection,
  type ConnectionEvent,
  type ConnectionModel,
} from './connection-state.ts';

function run(events: ConnectionEvent['type'][], from: ConnectionModel = initialConnection()): ConnectionModel {
  return events.reduce((model, type) => nextConnection(model, { type } as ConnectionEvent), from);
}

describe('connection state', () => {
  it('starts as connecting and goes live on the first connection', () => {
    const start = initialConnection();
    expect(start.state).toBe('reconnecting');
    expect(start.everConnected).toBe(false);
    const live = run(['connecting', 'connected']);
    expect(live.state).toBe('live');
    expect(live.everConnected).toBe(true);
  });

  it('says reconnecting after a drop, and offline after repeated failures', () => {
    const dropped = run(['connecting', 'connected', 'closed']);
    expect(dropped.state).toBe('reconnecting');

    const failures: ConnectionEvent['type'][] = [];
    for (let i = 0; i < OFFLINE_AFTER_FAILURES - 1; i++) failures.push('connecting', 'closed');
    expect(run(failures, dropped).state).toBe('offline');
  });

  it('stays offline while retrying, until a connection succeeds', () => {
    const offline = run(['closed', 'closed', 'closed']);
    expect(offline.state).toBe('offline');
    expect(run(['connecting'], offline).state).toBe('offline');
    const back = run(['connecting', 'connected'], offline);
    expect(back.state).toBe('live');
    expect(back.failures).toBe(0);
    // The count starts over: one drop after recovering is a reconnect again, not offline.
    expect(run(['closed'], back).state).toBe('reconnecting');
  });

  it('is offline at once when the browser loses the network', () => {
    const live = run(['connected']);
    expect(run(['browser-offline'], live).state).toBe('offline');
    expect(run(['browser-offline', 'closed', 'connecting'], live).state).toBe('offline');
    expect(run(['browser-offline', 'browser-online'], live).state).toBe('live');
    expect(run(['browser-offline', 'closed', 'browser-online'], live).state).toBe('reconnecting');
    expect(initialConnection(false).state).toBe('offline');
  });
});
