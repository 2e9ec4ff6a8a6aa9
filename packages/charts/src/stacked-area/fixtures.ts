import type { TimeSeriesData } from './types';

const HOUR = 3_600_000;
const start = Date.UTC(2025, 2, 3);

/** A deterministic pseudo-random stream (stories and tests must not change between runs). */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Hourly auth results over three days, with a fraud burst and a few empty hours. */
export function resultsOverTime(hours = 72): TimeSeriesData {
  const next = random(7);
  const rows = [];
  for (let h = 0; h < hours; h++) {
    if (h === 30 || h === 31) continue; // an ingest outage: these buckets are missing
    const daily = 1 + Math.sin(((h % 24) / 24) * Math.PI * 2 - Math.PI / 2) * 0.8;
    rows.push({
      t: start + h * HOUR,
      values: {
        success: Math.round(900 * daily + next() * 100),
        denied: Math.round(80 * daily + next() * 30),
        failure: Math.round(40 * daily + next() * 20),
        error: Math.round(next() * 8),
        fraud: h >= 50 && h < 54 ? Math.round(60 + next() * 40) : Math.round(next() * 2),
      },
    });
  }
  return {
    series: ['success', 'denied', 'failure', 'error', 'fraud'],
    rows,
    seriesLabels: {
      success: 'Success',
      denied: 'Denied',
      failure: 'Failure',
      error: 'Error',
      fraud: 'Fraud',
    },
  };
}

/** `seriesCount` series × `points` buckets (the benchmark size is 20 × 2,000). */
export function largeSeries(seriesCount = 20, points = 2000, step = 5 * 60_000): TimeSeriesData {
  const next = random(42);
  const series = Array.from({ length: seriesCount }, (_, i) => `series-${i}`);
  const rows = Array.from({ length: points }, (_, p) => ({
    t: start + p * step,
    values: Object.fromEntries(
      series.map((key, i) => [key, Math.round((seriesCount - i) * 10 * (1 + next()))]),
    ),
  }));
  return { series, rows };
}

/** Second factors per day over two weeks. */
export function factorsOverTime(): TimeSeriesData {
  const next = random(3);
  const factors = ['duo_push', 'sms_passcode', 'phone_call', 'webauthn', 'hardware_token', 'bypass_code'];
  const rows = Array.from({ length: 14 }, (_, d) => ({
    t: start + d * 24 * HOUR,
    values: Object.fromEntries(factors.map((f, i) => [f, Math.round((6 - i) * 400 * (0.8 + next() * 0.4))])),
  }));
  return {
    series: factors,
    rows,
    seriesLabels: {
      duo_push: 'Duo Push',
      sms_passcode: 'SMS passcode',
      phone_call: 'Phone call',
      webauthn: 'WebAuthn',
      hardware_token: 'Hardware token',
      bypass_code: 'Bypass code',
    },
  };
}
