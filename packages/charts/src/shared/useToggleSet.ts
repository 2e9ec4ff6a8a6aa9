import { useCallback, useState } from 'react';

/** A set of keys (e.g. hidden series) with a stable `toggle`, safe to hand to memoised children. */
export function useToggleSet(initial: Iterable<string> = []): [ReadonlySet<string>, (key: string) => void] {
  const [set, setSet] = useState<ReadonlySet<string>>(() => new Set(initial));
  const toggle = useCallback(
    (key: string) =>
      setSet((prev) => {
        const next = new Set(prev);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );
  return [set, toggle];
}
