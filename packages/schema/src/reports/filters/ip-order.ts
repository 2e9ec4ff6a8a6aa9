const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEXTET = /^[0-9a-f]{1,4}$/i;

function ipv4Number(text: string): bigint | null {
  const match = DOTTED_QUAD.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return null;
  return octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);
}

/** The 16-bit groups of one side of '::'; only the address's very last group may be a dotted quad. */
function groups(part: string, endsAddress: boolean): bigint[] | null {
  if (part === '') return [];
  const pieces = part.split(':');
  const out: bigint[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (HEXTET.test(piece)) {
      out.push(BigInt(`0x${piece}`));
      continue;
    }
    const v4 = endsAddress && i === pieces.length - 1 ? ipv4Number(piece) : null;
    if (v4 === null) return null;
    out.push(v4 >> 16n, v4 & 0xffffn);
  }
  return out;
}

/**
 * An IP address as the 128-bit number Elasticsearch orders `ip` fields by: IPv6 as is, IPv4 as its
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d), so 10.0.0.1 sorts among IPv6 addresses as it does there.
 * Null when the text is not an address.
 */
export function ipOrdinal(text: string): bigint | null {
  const v4 = ipv4Number(text);
  if (v4 !== null) return (0xffffn << 32n) | v4;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const head = groups(halves[0]!, !compressed);
  const tail = compressed ? groups(halves[1]!, true) : [];
  if (!head || !tail) return null;
  const zeros = 8 - head.length - tail.length;
  if (compressed ? zeros < 1 : zeros !== 0) return null;
  return [...head, ...Array<bigint>(zeros).fill(0n), ...tail].reduce((acc, g) => (acc << 16n) | g, 0n);
}
