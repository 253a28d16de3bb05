// Summaries of a cell's runs (one scenario × profile × app).

/** min, median (mean of the middle two for an even count) and max of `values`; nulls when empty. */
export function summary(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { min: null, median: null, max: null, n: 0 };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], n: sorted.length };
}

/** The run whose time is the median's (the lower middle one for an even count), or null. */
export function medianRun(runs) {
  const ok = runs.filter((r) => r.ok).sort((a, b) => a.ms - b.ms);
  return ok.length ? ok[Math.floor((ok.length - 1) / 2)] : null;
}

/** The cell's figures from its runs. */
export function cellSummary(runs) {
  const ok = runs.filter((r) => r.ok);
  const pick = (key) => summary(ok.map((r) => r[key]));
  return {
    runs: runs.length,
    failed: runs.length - ok.length,
    ms: pick('ms'),
    automationMs: pick('automationMs'),
    appMs: summary(ok.map((r) => r.ms - r.automationMs)),
    bytesToDashboard: pick('bytesToDashboard'),
    requestsToDashboard: pick('requestsToDashboard'),
    wireRequestsToDashboard: pick('wireRequestsToDashboard'),
    bytesAtIdle: pick('bytesAtIdle'),
    requestsAtIdle: pick('requestsAtIdle'),
    wireRequestsAtIdle: pick('wireRequestsAtIdle'),
    idleReached: ok.filter((r) => r.idleReached).length,
  };
}

/** a / b, or null when either is missing or b is 0. */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : null;
}
