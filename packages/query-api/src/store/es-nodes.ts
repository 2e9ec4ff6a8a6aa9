/**
 * The node URLs in an Elasticsearch address setting (ES_URL, --es-url): one URL, or several
 * separated by commas for a cluster, so a client can go on through the others when one node dies.
 * Throws an error naming the setting and the offending entry.
 */
export function esNodesFrom(value: string, setting = 'ES_URL'): string[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error(`${setting} names no Elasticsearch node`);
  const seen = new Set<string>();
  return entries.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`${setting}: "${entry}" is not a URL (expected http://host:port)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`${setting}: "${entry}" is not an http:// or https:// URL`);
    }
    if (seen.has(url.href)) throw new Error(`${setting} names ${entry} twice`);
    seen.add(url.href);
    return entry;
  });
}
