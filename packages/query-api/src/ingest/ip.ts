import { isIP } from 'node:net';

export interface ParsedIp {
  /** The address to store: bare when it parsed, the raw string otherwise. */
  value: string;
  withPort: boolean;
  malformed: boolean;
}

/**
 * Strips the port real exports sometimes carry (`1.2.3.4:1234`, `[2001:db8::1]:443`). A value that is
 * still not an address is kept raw and marked malformed: spoofed clients are evidence.
 */
export function parseIp(raw: string): ParsedIp {
  const text = raw.trim();
  if (isIP(text)) return { value: text, withPort: false, malformed: false };
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  if (bracketed && isIP(bracketed[1]!) === 6) {
    return { value: bracketed[1]!, withPort: bracketed[2] !== undefined, malformed: false };
  }
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text);
  if (v4port && isIP(v4port[1]!) === 4) return { value: v4port[1]!, withPort: true, malformed: false };
  return { value: raw, withPort: false, malformed: true };
}
