// Quotecast connection layer: protocol v1 (docs/protocol.md) over WebSocket, Server-Sent Events
// or long polling, with reconnection, heartbeats, transport fallback and upgrade back. No DOM
// code: a page (or any other front end) listens to its events. Documented in docs/client.md.
//
// Everything that touches the outside world (WebSocket, EventSource, fetch, timers, randomness,
// online/visibility signals) comes from `env`, so the state machine runs under Node's test
// runner with fakes and a virtual clock.

export const TRANSPORTS = Object.freeze(['websocket', 'sse', 'polling']);

export const DEFAULTS = Object.freeze({
  transports: TRANSPORTS,
  /** Delay before reconnect attempt n (0-based): min(maxMs, initialMs * factor^n), then jitter. */
  backoff: Object.freeze({ initialMs: 500, maxMs: 30000, factor: 2, jitter: 0.5 }),
  /** Until a welcome announces the server's interval. null: use the server's. */
  heartbeatSeconds: null,
  /** Assumed before the first welcome. */
  defaultHeartbeatSeconds: 30,
  /** Intervals without any frame after which a connection is declared dead. */
  heartbeatMisses: 2,
  /** A transport that is not live within this is given up (a proxy that swallows the upgrade). */
  connectTimeoutMs: 10000,
  /** While on a fallback, how often to try WebSocket again (±25% jitter). */
  upgradeIntervalMs: 60000,
  /** A long poll is held up to 25 s by the server; abort it after this. */
  pollTimeoutMs: 40000,
  /** After the tab becomes visible, a WebSocket must show signs of life within this. */
  wakeCheckMs: 5000,
});

/** The delay before reconnect attempt `attempt` (0-based): capped exponential, "equal jitter". */
export function backoffDelay(attempt, backoff = DEFAULTS.backoff, random = Math.random) {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * Math.pow(backoff.factor, attempt));
  return Math.round(ceiling * (1 - backoff.jitter + backoff.jitter * random()));
}

/** The real browser, or whatever of it exists where this runs. */
export function browserEnvironment(global = globalThis) {
  const doc = global.document;
  return {
    WebSocket: global.WebSocket,
    EventSource: global.EventSource,
    fetch: global.fetch ? global.fetch.bind(global) : undefined,
    AbortController: global.AbortController,
    setTimeout: (fn, ms) => global.setTimeout(fn, ms),
    clearTimeout: handle => global.clearTimeout(handle),
    now: () => Date.now(),
    random: Math.random,
    online: () => global.navigator?.onLine !== false,
    visible: () => !doc || doc.visibilityState !== 'hidden',
    listen(type, listener) {
      const target = type === 'visibilitychange' ? doc : global;
      target?.addEventListener?.(type, listener);
      return () => target?.removeEventListener?.(type, listener);
    },
  };
}

/**
 * One logical connection to Quotecast for a set of symbols, kept alive across transports.
 *
 * Events (subscribe with `on(type, listener)`, which returns an unsubscribe function):
 * - `state`    {state, transport, attempt, retryAt, delayMs}: state is connecting | live |
 *              reconnecting | offline | stopped
 * - `welcome`  the server's welcome (catalog symbols, heartbeatSeconds)
 * - `snapshot` {quotes, transport}: last values; rows should take them whatever their seq
 * - `quote`    a quote newer than anything seen for its symbol
 * - `gap`      {symbol, from, to, missed, transport}: seq numbers skipped (conflated updates)
 * - `error`    a protocol error object ({code, message, symbols?}) from the server
 * - `feed`     {feed, since, transport}: the server's price feed went `stale` (no price for a
 *              while: shown prices may be out of date, the connection is fine) or `live` again
 * - `transport` {event, transport, detail}: attempts, failures, upgrades, for diagnostics
 */
export class QuotecastClient {
  #env;
  #options;
  #baseUrl;
  #symbols = [];
  #listeners = new Map();
  #lastSeq = new Map();
  #state = { state: 'idle', transport: null, attempt: 0, retryAt: null, delayMs: 0 };
  #conn = null;        // the connection being tried or live
  #probe = null;       // a WebSocket being tried while live on a fallback
  #liveIndex = -1;     // index into transports of the live connection, -1 when not live
  #resumeIndex = 0;    // where the next round of attempts starts
  #attempt = 0;        // reconnect rounds since the last live connection
  #heartbeatMs;
  #timers = {};
  #unlisten = [];
  #cursors = { sse: null, polling: null };
  #pingId = 0;
  #feed = 'live';

  constructor(options = {}) {
    this.#env = { ...browserEnvironment(), ...(options.env || {}) };
    this.#options = { ...DEFAULTS, ...options, backoff: { ...DEFAULTS.backoff, ...(options.backoff || {}) } };
    this.#baseUrl = String(options.baseUrl ?? './');
    if (!this.#baseUrl.endsWith('/')) this.#baseUrl += '/';
    this.#symbols = uniq(options.symbols || []);
    this.#heartbeatMs = 1000 * (this.#options.heartbeatSeconds ?? this.#options.defaultHeartbeatSeconds);
  }

  // ---- public API ------------------------------------------------------------------------

  on(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
    return () => this.#listeners.get(type).delete(listener);
  }

  get state() { return { ...this.#state }; }
  get symbols() { return [...this.#symbols]; }
  /** 'live', or 'stale' while the server says its price feed is silent. */
  get feed() { return this.#feed; }
  /** The seq of the newest quote seen per symbol. */
  lastSeq(symbol) { return this.#lastSeq.get(symbol); }

  start() {
    if (this.#state.state !== 'idle' && this.#state.state !== 'stopped') return;
    const env = this.#env;
    if (env.listen) {
      this.#unlisten.push(env.listen('online', () => this.#wake('online')));
      this.#unlisten.push(env.listen('offline', () => this.#wentOffline()));
      this.#unlisten.push(env.listen('visibilitychange', () => { if (env.visible()) this.#wake('visible'); }));
    }
    this.#attempt = 0;
    this.#connect(0);
  }

  stop() {
    this.#unlisten.forEach(off => off());
    this.#unlisten = [];
    Object.keys(this.#timers).forEach(name => this.#clear(name));
    this.#drop(this.#conn);
    this.#drop(this.#probe);
    this.#conn = this.#probe = null;
    this.#liveIndex = -1;
    this.#setState({ state: 'stopped', transport: null, retryAt: null, delayMs: 0 });
  }

  /** Replaces the watchlist: subscribes what is new, unsubscribes what is gone. */
  setSymbols(symbols) {
    const next = uniq(symbols);
    const added = next.filter(s => !this.#symbols.includes(s));
    const removed = this.#symbols.filter(s => !next.includes(s));
    this.#symbols = next;
    if (!added.length && !removed.length) return;
    removed.forEach(s => this.#lastSeq.delete(s));
    // A resume point says nothing about symbols added since: the next stream starts afresh.
    this.#cursors = { sse: null, polling: null };
    // Also while connecting: a stream being opened would otherwise come up with the old list.
    if (this.#conn) this.#conn.update(next, added, removed);
  }

  addSymbol(symbol) { this.setSymbols([...this.#symbols, symbol]); }
  removeSymbol(symbol) { this.setSymbols(this.#symbols.filter(s => s !== symbol)); }

  // ---- connecting, falling back, backing off ------------------------------------------------

  #connect(index) {
    this.#clear('retry');
    const transports = this.#options.transports;
    const name = transports[index];
    this.#setState({ state: 'connecting', transport: name, retryAt: null, delayMs: 0 });
    let conn;
    try {
      conn = this.#open(name, {
        opened: () => this.#opened(conn, index),
        message: msg => this.#message(conn, msg),
        closed: detail => this.#closed(conn, index, detail),
      });
    } catch (e) {
      conn = null;
      this.#emit('transport', { event: 'unavailable', transport: name, detail: String(e && e.message || e) });
    }
    if (!conn) {
      this.#failed(index);
      return;
    }
    this.#conn = conn;
    this.#emit('transport', { event: 'attempt', transport: name });
    this.#set('connect', this.#options.connectTimeoutMs, () => {
      if (this.#conn !== conn || conn.live) return;
      this.#emit('transport', { event: 'timeout', transport: name });
      this.#drop(conn);
      this.#conn = null;
      this.#failed(index);
    });
  }

  #opened(conn, index) {
    if (conn.live) return;
    conn.live = true;
    if (this.#conn === conn) {
      this.#clear('connect');
      this.#becomeLive(conn, index);
    } else if (this.#probe === conn) {
      this.#upgraded(conn);
    }
  }

  #becomeLive(conn, index) {
    this.#liveIndex = index;
    this.#resumeIndex = index;
    this.#attempt = 0;
    this.#setState({ state: 'live', transport: conn.name, retryAt: null, delayMs: 0 });
    this.#heard(conn);
    this.#startPings(conn);
    this.#scheduleUpgrade();
  }

  #closed(conn, index, detail = {}) {
    if (this.#probe === conn) {
      this.#probe = null;
      this.#emit('transport', { event: 'upgrade-failed', transport: conn.name, detail });
      this.#scheduleUpgrade();
      return;
    }
    if (this.#conn !== conn) return;
    this.#conn = null;
    this.#clear('connect');
    this.#emit('transport', { event: 'closed', transport: conn.name, detail });
    if (conn.live) {
      this.#lost(index);
    } else {
      this.#failed(index);
    }
  }

  /** A live connection ended: try the same transport again after a backoff. */
  #lost(index) {
    this.#liveIndex = -1;
    this.#stopLiveTimers();
    this.#resumeIndex = index;
    this.#retryLater();
  }

  /** An attempt never became live: the next transport at once, or, after the last, a backoff. */
  #failed(index) {
    const next = index + 1;
    const transports = this.#options.transports;
    if (next < transports.length) {
      this.#connect(next);
      return;
    }
    this.#resumeIndex = 0;
    this.#retryLater();
  }

  #retryLater() {
    const delayMs = backoffDelay(this.#attempt, this.#options.backoff, this.#env.random);
    this.#attempt++;
    const retryAt = this.#env.now() + delayMs;
    const state = this.#env.online() ? 'reconnecting' : 'offline';
    this.#setState({ state, transport: null, retryAt, delayMs });
    this.#set('retry', delayMs, () => this.#connect(this.#resumeIndex));
  }

  /** Back online or visible again: reconnect now, or check that the live socket still is. */
  #wake(why) {
    const s = this.#state.state;
    if (s === 'reconnecting' || s === 'offline') {
      this.#emit('transport', { event: 'wake', transport: null, detail: why });
      this.#attempt = 0;
      this.#connect(this.#resumeIndex);
    } else if (s === 'live' && this.#conn && this.#conn.ping) {
      this.#conn.ping(++this.#pingId);
      this.#set('watchdog', this.#options.wakeCheckMs, () => this.#dead(this.#conn));
    }
  }

  #wentOffline() {
    if (this.#state.state === 'reconnecting') this.#setState({ ...this.#state, state: 'offline' });
  }

  // ---- liveness ------------------------------------------------------------------------------

  #heard(conn) {
    if (conn !== this.#conn || !conn.live) return;
    const limit = this.#heartbeatMs * this.#options.heartbeatMisses;
    this.#set('watchdog', limit, () => this.#dead(conn));
  }

  #startPings(conn) {
    this.#clear('ping');
    if (!conn.ping) return;
    const tick = () => {
      if (conn !== this.#conn) return;
      conn.ping(++this.#pingId);
      this.#set('ping', this.#heartbeatMs, tick);
    };
    this.#set('ping', this.#heartbeatMs, tick);
  }

  /** No frame for too long: whatever the socket says, this connection is gone. */
  #dead(conn) {
    if (conn !== this.#conn) return;
    this.#emit('transport', { event: 'dead', transport: conn.name });
    this.#drop(conn);
    this.#conn = null;
    this.#lost(this.#liveIndex);
  }

  #stopLiveTimers() {
    ['ping', 'watchdog', 'upgrade'].forEach(name => this.#clear(name));
    this.#drop(this.#probe);
    this.#probe = null;
  }

  // ---- upgrading back to WebSocket -----------------------------------------------------------

  #scheduleUpgrade() {
    this.#clear('upgrade');
    if (this.#liveIndex <= 0 || this.#probe) return;
    const interval = this.#options.upgradeIntervalMs * (0.75 + 0.5 * this.#env.random());
    this.#set('upgrade', Math.round(interval), () => this.#tryUpgrade());
  }

  #tryUpgrade() {
    if (this.#liveIndex <= 0) return;
    const name = this.#options.transports[0];
    let probe;
    try {
      probe = this.#open(name, {
        opened: () => this.#opened(probe, 0),
        message: msg => this.#message(probe, msg),
        closed: detail => this.#closed(probe, 0, detail),
      });
    } catch (e) {
      probe = null;
    }
    if (!probe) {
      this.#scheduleUpgrade();
      return;
    }
    this.#probe = probe;
    this.#emit('transport', { event: 'upgrade-attempt', transport: name });
    this.#set('probe', this.#options.connectTimeoutMs, () => {
      if (this.#probe !== probe || probe.live) return;
      this.#drop(probe);
      this.#probe = null;
      this.#emit('transport', { event: 'upgrade-failed', transport: name, detail: 'timeout' });
      this.#scheduleUpgrade();
    });
  }

  /** Make before break: the WebSocket is subscribed; now the fallback can go. */
  #upgraded(probe) {
    this.#clear('probe');
    const old = this.#conn;
    this.#probe = null;
    this.#conn = probe;
    this.#drop(old);
    this.#emit('transport', { event: 'upgraded', transport: probe.name, detail: old && old.name });
    this.#becomeLive(probe, 0);
  }

  // ---- messages --------------------------------------------------------------------------

  #message(conn, msg) {
    if (conn !== this.#conn && conn !== this.#probe) return;
    if (conn === this.#conn) this.#heard(conn);
    if (!msg || typeof msg.type !== 'string') return;
    switch (msg.type) {
      case 'welcome':
        if (this.#options.heartbeatSeconds == null && msg.heartbeatSeconds > 0) {
          this.#heartbeatMs = msg.heartbeatSeconds * 1000;
          if (conn === this.#conn) { this.#heard(conn); this.#startPings(conn); }
        }
        // A new connection is live unless its server says otherwise (a status right after welcome).
        this.#setFeed('live', null, conn.name);
        this.#emit('welcome', msg);
        break;
      case 'status':
        this.#setFeed(msg.feed === 'stale' ? 'stale' : 'live', msg.since ?? null, conn.name);
        break;
      case 'snapshot':
        this.#snapshot(msg.quotes || [], conn.name);
        break;
      case 'quote':
        if (conn === this.#conn) this.#quote(msg, conn.name);
        break;
      case 'quotes': // a batch (subscribe with batch: true): each element is a quote message
        if (conn === this.#conn) (msg.quotes || []).forEach(q => this.#quote(q, conn.name));
        break;
      case 'poll':
        if (typeof msg.feed === 'string') this.#setFeed(msg.feed === 'stale' ? 'stale' : 'live', null, conn.name);
        if (msg.full) this.#snapshot(msg.quotes || [], conn.name);
        else (msg.quotes || []).forEach(q => this.#quote(q, conn.name));
        break;
      case 'error':
        this.#emit('error', msg);
        break;
      default:
        this.#emit(msg.type, msg); // subscribed, unsubscribed, pong, heartbeat
    }
  }

  #setFeed(feed, since, transport) {
    if (feed === this.#feed) return;
    this.#feed = feed;
    this.#emit('feed', { feed, since, transport });
  }

  #snapshot(quotes, transport) {
    const mine = quotes.filter(q => this.#symbols.includes(q.symbol));
    mine.forEach(q => this.#lastSeq.set(q.symbol, q.seq));
    this.#emit('snapshot', { quotes: mine, transport });
  }

  #quote(q, transport) {
    if (!this.#symbols.includes(q.symbol)) return;
    const last = this.#lastSeq.get(q.symbol);
    if (last !== undefined && q.seq <= last) return; // already shown (a resumed stream may repeat)
    if (last !== undefined && q.seq > last + 1) {
      this.#emit('gap', { symbol: q.symbol, from: last + 1, to: q.seq - 1, missed: q.seq - last - 1, transport });
    }
    this.#lastSeq.set(q.symbol, q.seq);
    this.#emit('quote', q);
  }

  // ---- transports ------------------------------------------------------------------------

  #open(name, handlers) {
    switch (name) {
      case 'websocket': return this.#openWebSocket(handlers);
      case 'sse': return this.#openSse(handlers);
      case 'polling': return this.#openPolling(handlers);
      default: throw new Error('unknown transport ' + name);
    }
  }

  #openWebSocket(h) {
    const WS = this.#env.WebSocket;
    if (typeof WS !== 'function') return null;
    const url = new URL('ws/quotes', absolute(this.#baseUrl));
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WS(url.href);
    let welcomed = false;
    const send = msg => { if (ws.readyState === 1) ws.send(JSON.stringify(msg)); };
    ws.onmessage = event => {
      let msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      if (msg && msg.type === 'welcome' && !welcomed) {
        welcomed = true;
        if (this.#symbols.length) send({ type: 'subscribe', symbols: this.#symbols });
        h.message(msg);
        h.opened();
        return;
      }
      h.message(msg);
    };
    ws.onerror = () => {};
    ws.onclose = event => h.closed({ code: event.code, reason: event.reason });
    return {
      name: 'websocket',
      live: false,
      ping: id => send({ type: 'ping', id }),
      update(symbols, added, removed) {
        if (removed.length) send({ type: 'unsubscribe', symbols: removed });
        if (added.length) send({ type: 'subscribe', symbols: added });
      },
      close() {
        ws.onmessage = ws.onclose = ws.onerror = null;
        try { ws.close(1000, 'client done'); } catch { /* already closed */ }
      },
    };
  }

  #openSse(h) {
    const ES = this.#env.EventSource;
    if (typeof ES !== 'function') return null;
    const client = this;
    let source = null;
    let symbolsKey = '';
    const openStream = () => {
      const symbols = client.#symbols;
      symbolsKey = symbols.join(',');
      if (!symbols.length) { // nothing to stream: nothing can fail either
        queueOpen();
        return;
      }
      const url = new URL('api/stream', absolute(client.#baseUrl));
      url.searchParams.set('symbols', symbolsKey);
      if (client.#cursors.sse) url.searchParams.set('since', client.#cursors.sse);
      const es = new ES(url.href);
      source = es;
      for (const type of ['welcome', 'status', 'snapshot', 'quote', 'heartbeat']) {
        es.addEventListener(type, event => {
          if (source !== es) return;
          let msg;
          try { msg = JSON.parse(event.data); } catch { return; }
          if (event.lastEventId) client.#cursors.sse = event.lastEventId;
          h.message(msg);
          if (type === 'welcome') h.opened();
        });
      }
      es.onerror = () => {
        if (source !== es) return;
        // The browser would retry by itself, with its own delays; the client decides instead.
        es.close();
        source = null;
        h.closed({ reason: 'stream error' });
      };
    };
    const queueOpen = () => client.#env.setTimeout(() => h.opened(), 0);
    openStream();
    return {
      name: 'sse',
      live: false,
      update(symbols) {
        if (symbols.join(',') === symbolsKey) return;
        if (source) { source.close(); source = null; }
        openStream();
      },
      close() {
        if (source) { source.close(); source = null; }
      },
    };
  }

  #openPolling(h) {
    const fetchFn = this.#env.fetch;
    if (typeof fetchFn !== 'function') return null;
    const client = this;
    const env = this.#env;
    let stopped = false;
    let controller = null;
    let restart = false;
    let opened = false;

    const once = async () => {
      const symbols = client.#symbols;
      if (!symbols.length) return { idle: true };
      const url = new URL('api/poll', absolute(client.#baseUrl));
      url.searchParams.set('symbols', symbols.join(','));
      if (client.#cursors.polling) url.searchParams.set('since', client.#cursors.polling);
      controller = env.AbortController ? new env.AbortController() : null;
      const abort = controller;
      const timer = env.setTimeout(() => abort && abort.abort(), client.#options.pollTimeoutMs);
      try {
        const response = await fetchFn(url.href, {
          signal: abort ? abort.signal : undefined, cache: 'no-store', headers: { Accept: 'application/json' },
        });
        const body = await response.json().catch(() => null);
        return { status: response.status, ok: response.ok, body };
      } finally {
        env.clearTimeout(timer);
      }
    };

    const loop = async () => {
      while (!stopped) {
        let result;
        try {
          result = await once();
        } catch (e) {
          if (stopped) return;
          if (restart) { restart = false; continue; }
          h.closed({ reason: 'network', detail: String(e && e.message || e) });
          return;
        }
        if (stopped) return;
        if (result.idle) { // no symbols: live, nothing to ask for until update()
          if (!opened) { opened = true; h.opened(); }
          await new Promise(resolve => { wakeIdle = resolve; });
          continue;
        }
        if (!result.ok) {
          if (result.body && result.body.type === 'error') h.message(result.body);
          h.closed({ reason: 'http', status: result.status });
          return;
        }
        if (restart) { restart = false; continue; } // asked with the old symbols
        if (result.body && result.body.cursor) client.#cursors.polling = result.body.cursor;
        h.message(result.body);
        if (!opened) { opened = true; h.opened(); }
      }
    };
    let wakeIdle = null;
    Promise.resolve().then(loop);
    return {
      name: 'polling',
      live: false,
      update() {
        restart = true;
        if (controller) controller.abort();
        if (wakeIdle) { const w = wakeIdle; wakeIdle = null; restart = false; w(); }
      },
      close() {
        stopped = true;
        if (controller) controller.abort();
        if (wakeIdle) { const w = wakeIdle; wakeIdle = null; w(); }
      },
    };
  }

  #drop(conn) {
    if (!conn) return;
    conn.live = false;
    try { conn.close(); } catch { /* nothing left to close */ }
  }

  // ---- plumbing ------------------------------------------------------------------------------

  #set(name, ms, fn) {
    this.#clear(name);
    this.#timers[name] = this.#env.setTimeout(() => { delete this.#timers[name]; fn(); }, ms);
  }

  #clear(name) {
    if (this.#timers[name] !== undefined) {
      this.#env.clearTimeout(this.#timers[name]);
      delete this.#timers[name];
    }
  }

  #setState(patch) {
    this.#state = { ...this.#state, ...patch, attempt: this.#attempt };
    this.#emit('state', this.state);
  }

  #emit(type, detail) {
    const listeners = this.#listeners.get(type);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try { listener(detail); } catch (e) { console.error('Quotecast listener for ' + type + ' failed', e); }
    }
  }
}

function uniq(symbols) {
  return [...new Set(symbols.map(s => String(s).trim()).filter(Boolean))];
}

function absolute(base) {
  if (/^[a-z]+:/i.test(base)) return base;
  return new URL(base, globalThis.location ? globalThis.location.href : 'http://localhost/').href;
}
