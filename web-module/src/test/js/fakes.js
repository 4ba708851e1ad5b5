// Test doubles for the connection module's environment: a virtual clock, and WebSocket,
// EventSource and fetch that the test drives by hand. Nothing here touches the network.

/** Timers on a virtual clock: nothing runs until the test advances time. */
export class VirtualClock {
  now = 0;
  #timers = [];
  #next = 0;

  setTimeout = (fn, ms) => {
    const id = ++this.#next;
    this.#timers.push({ id, at: this.now + Math.max(0, ms || 0), fn });
    return id;
  };

  clearTimeout = id => {
    this.#timers = this.#timers.filter(t => t.id !== id);
  };

  /** Runs every timer due within `ms`, in time order, letting promises settle after each. */
  async advance(ms) {
    const end = this.now + ms;
    await settle();
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const due = this.#timers[0];
      if (!due || due.at > end) break;
      this.#timers.shift();
      this.now = due.at;
      due.fn();
      await settle();
    }
    this.now = end;
    await settle();
  }

  /** When the next timer is due, relative to now (for asserting a countdown). */
  pending() {
    return this.#timers.map(t => t.at - this.now).sort((a, b) => a - b);
  }
}

/** Lets every queued promise callback run. */
export async function settle() {
  for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve));
}

export function fakeWebSocketClass() {
  return class FakeWebSocket {
    static instances = [];
    readyState = 0;
    sent = [];
    closedByClient = false;

    constructor(url) {
      this.url = url;
      FakeWebSocket.instances.push(this);
    }

    send(text) {
      this.sent.push(JSON.parse(text));
    }

    close() {
      this.readyState = 3;
      this.closedByClient = true;
    }

    /** The server accepts the handshake and says welcome. */
    welcome(heartbeatSeconds = 30) {
      this.readyState = 1;
      this.receive({ type: 'welcome', protocol: 1, sessionId: 's', heartbeatSeconds, symbols: ['AAPL', 'MSFT', 'IBM'] });
    }

    receive(message) {
      this.onmessage?.({ data: JSON.stringify(message) });
    }

    /** The server (or the network) ends the connection. */
    drop(code = 1006) {
      this.readyState = 3;
      this.onclose?.({ code, reason: '' });
    }

    static get last() {
      return FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
    }
  };
}

export function fakeEventSourceClass() {
  return class FakeEventSource {
    static instances = [];
    listeners = new Map();
    closed = false;

    constructor(url) {
      this.url = new URL(url);
      FakeEventSource.instances.push(this);
    }

    addEventListener(type, listener) {
      this.listeners.set(type, listener);
    }

    close() {
      this.closed = true;
    }

    emit(type, data, id = '') {
      this.listeners.get(type)?.({ data: JSON.stringify(data), lastEventId: id });
    }

    welcome(id = 'e1-1') {
      this.emit('welcome', { type: 'welcome', protocol: 1, sessionId: 'sse-1', heartbeatSeconds: 30, symbols: [] }, id);
    }

    fail() {
      this.onerror?.({});
    }

    static get last() {
      return FakeEventSource.instances[FakeEventSource.instances.length - 1];
    }
  };
}

/** fetch whose answers the test gives: `requests[i].respond(status, body)` or `.fail()`. */
export function fakeFetch() {
  const requests = [];
  const fetch = (url, init = {}) => new Promise((resolve, reject) => {
    const request = {
      url: new URL(url),
      respond: (status, body) => resolve({ status, ok: status >= 200 && status < 300, json: async () => body }),
      fail: () => reject(new TypeError('network error')),
    };
    init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    requests.push(request);
  });
  return { fetch, requests };
}

/** online/visibility signals the test flips and fires. */
export function fakeSignals() {
  const listeners = new Map();
  const signals = {
    isOnline: true,
    isVisible: true,
    online: () => signals.isOnline,
    visible: () => signals.isVisible,
    listen(type, listener) {
      listeners.set(type, listener);
      return () => listeners.delete(type);
    },
    fire(type) {
      listeners.get(type)?.();
    },
  };
  return signals;
}

export function quote(symbol, seq, price = 100) {
  return { type: 'quote', symbol, price, change: 0, changePercent: 0, volume: 0, seq, time: '2026-11-21T20:00:00.000Z' };
}
