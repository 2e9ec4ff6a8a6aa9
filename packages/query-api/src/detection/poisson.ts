const logFactorials: number[] = [0];

function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}

/**
 * log10 of P(X >= k) for X ~ Poisson(mean): how surprising a count is under the baseline. Summed in
 * log space from the k-th term, so tails far below Number.MIN_VALUE still compare correctly.
 */
export function poissonTailLog10(k: number, mean: number): number {
  if (k <= 0) return 0;
  if (mean <= 0) return -Infinity;
  const logFirst = -mean + k * Math.log(mean) - logFactorial(k);
  let sum = 1;
  let term = 1;
  for (let j = k; term > 1e-12 * sum && j < k + 10_000; j++) {
    term *= mean / (j + 1);
    sum += term;
  }
  return Math.min(0, (logFirst + Math.log(sum)) / Math.LN10);
}
