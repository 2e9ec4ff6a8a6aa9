import { isIP } from 'node:net';

export interface ParsedIp {
  /** The address to store: bare when it parsed, the raw string otherwise. */
  value: string;
  withPort: boolean;
  malformed: boolean;
}

/**
 * The ways real exports append a port to an address. Duo writes a v6 address with its port in
 * whichever form avoids a colon the reader would mistake for a group: `#443`, `p443`, ` port 443`,
 * `.443`. Each form is anchored at the end and names the families it may follow.
 */
interface PortForm {
  /** Captures the address (1) and the port (2). */
  pattern: RegExp;
  families: ReadonlySet<4 | 6>;
}

const BOTH = new Set<4 | 6>([4, 6]);
const V6 = new Set<4 | 6>([6]);

const PORT_FORMS: readonly PortForm[] = [
  // `[v6]:port` and `[v6]`: the brackets leave nothing ambiguous (a bare `[v6]` has no port).
  { pattern: /^\[([^\]]+)\](?::(\d{1,5}))?$/, families: V6 },
  // `addr:port`. For v6 only reached when the whole text is not itself an address (see parseIp).
  { pattern: /^(.+):(\d{1,5})$/, families: BOTH },
  { pattern: /^(.+)#(\d{1,5})$/, families: BOTH },
  { pattern: /^(.+?)\s+port\s+(\d{1,5})$/i, families: BOTH },
  // `p` is not a hex digit, so it can never be part of an address.
  { pattern: /^(.+)p(\d{1,5})$/i, families: BOTH },
  // Only after v6: `1.2.3.4.80` is five dotted numbers, more likely garbage or spoofing than a port.
  { pattern: /^(.+)\.(\d{1,5})$/, families: V6 },
];

const MAX_PORT = 65_535;

/**
 * Strips the port real exports carry (`1.2.3.4:1234`, `[2001:db8::1]:443`, `2001:db8::1#443`,
 * `2001:db8::1p443`, `2001:db8::1 port 443`, `2001:db8::1.443`).
 *
 * The rule for ambiguous text is validity, in this order:
 * 1. Text that is an address as written is that address, with no port: `2001:db8::1:443` is the
 *    v6 address whose last group is 443 (it would be read the same with no port in it), and
 *    `::ffff:1.2.3.4` is a v4-mapped v6 address, not `::ffff:1.2.3` with port 4.
 * 2. Otherwise the text has a port when exactly the part before one of the forms is an address of a
 *    family that form may follow and the port is a number from 0 to 65535: `1:2:3:4:5:6:7:8:443`
 *    (nine groups) is the eight-group address and port 443.
 * 3. Anything else is kept raw and marked malformed: spoofed clients are evidence.
 */
export function parseIp(raw: string): ParsedIp {
  const text = raw.trim();
  if (isIP(text)) return { value: text, withPort: false, malformed: false };
  for (const form of PORT_FORMS) {
    const match = form.pattern.exec(text);
    if (!match) continue;
    const address = match[1]!;
    const port = match[2];
    const family = isIP(address);
    if (family === 0 || !form.families.has(family as 4 | 6)) continue;
    if (port !== undefined && Number(port) > MAX_PORT) continue;
    return { value: address, withPort: port !== undefined, malformed: false };
  }
  return { value: raw, withPort: false, malformed: true };
}
