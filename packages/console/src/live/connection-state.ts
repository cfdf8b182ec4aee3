/** What the connection indicator shows. */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

export interface ConnectionModel {
  state: ConnectionState;
  /** Whether the socket is open and acknowledged right now. */
  socketOpen: boolean;
  /** Closed sockets since the last successful connection. */
  failures: number;
  /** Whether a connection ever succeeded, so the first attempt reads as "connecting", not "reconnecting". */
  everConnected: boolean;
  browserOnline: boolean;
}

export type ConnectionEvent =
  | { type: 'connecting' }
  | { type: 'connected' }
  | { type: 'closed' }
  | { type: 'browser-offline' }
  | { type: 'browser-online' };

/**
 * After this many failed attempts in a row the console says "offline" instead of "reconnecting": one
 * dropped socket during a deploy is routine, three in a row means the numbers on screen are going stale.
 */
export const OFFLINE_AFTER_FAILURES = 3;

function derive(model: Omit<ConnectionModel, 'state'>): ConnectionModel {
  let state: ConnectionState;
  if (!model.browserOnline) state = 'offline';
  else if (model.socketOpen) state = 'live';
  else state = model.failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'reconnecting';
  return { ...model, state };
}

export function initialConnection(browserOnline = true): ConnectionModel {
  return derive({ socketOpen: false, failures: 0, everConnected: false, browserOnline });
}

/**
 * The indicator's state machine, fed by the graphql-ws client's events and the browser's online events.
 * A retry ("connecting") changes nothing shown: an offline console does not look hopeful until a real
 * connection succeeds.
 */
export function nextConnection(model: ConnectionModel, event: ConnectionEvent): ConnectionModel {
  switch (event.type) {
    case 'connected':
      return derive({ ...model, socketOpen: true, failures: 0, everConnected: true, browserOnline: true });
    case 'closed':
      return derive({ ...model, socketOpen: false, failures: model.failures + 1 });
    case 'connecting':
      return model;
    case 'browser-offline':
      return derive({ ...model, browserOnline: false });
    case 'browser-online':
      return derive({ ...model, browserOnline: true });
  }
}
