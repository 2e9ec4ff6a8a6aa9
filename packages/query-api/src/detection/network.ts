import { isIP } from 'node:net';
import { PUSH_SPRAY } from './thresholds';

function expandV6(address: string): number[] | null {
  const [head = '', tail] = address.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return null;
  const groups = [...left, ...Array<number>(fill).fill(0), ...right];
  return groups.some((g) => Number.isNaN(g)) ? null : groups;
}

/**
 * The network an address belongs to, as CIDR: a /24 for IPv4 and a /64 for IPv6, where one attacker's
 * neighbouring addresses usually sit. Null for anything that is not an address (ingest keeps malformed
 * ones raw).
 */
export function networkOf(address: string): string | null {
  const version = isIP(address);
  if (version === 4) {
    const octets = address.split('.');
    return `${octets.slice(0, 3).join('.')}.0/${PUSH_SPRAY.ipv4Prefix}`;
  }
  if (version === 6 && !address.includes('.')) {
    const groups = expandV6(address);
    if (!groups) return null;
    return `${groups
      .slice(0, 4)
      .map((g) => g.toString(16))
      .join(':')}::/${PUSH_SPRAY.ipv6Prefix}`;
  }
  return null;
}
