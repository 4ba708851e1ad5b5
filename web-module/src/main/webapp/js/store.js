// The watchlist in localStorage: survives reloads, falls back to a default list, never throws
// (private modes and full storage just mean it is not remembered).
const KEY = 'quotecast.watchlist';
export const DEFAULT_WATCHLIST = Object.freeze(['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'TSLA', 'JPM', 'V']);

export function loadWatchlist(storage = globalThis.localStorage) {
  try {
    const saved = JSON.parse(storage.getItem(KEY));
    if (Array.isArray(saved)) return saved.filter(s => typeof s === 'string');
  } catch { /* nothing saved, or not readable */ }
  return [...DEFAULT_WATCHLIST];
}

export function saveWatchlist(symbols, storage = globalThis.localStorage) {
  try {
    storage.setItem(KEY, JSON.stringify(symbols));
  } catch { /* not remembered: the page still works */ }
}
