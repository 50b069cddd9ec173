// Canonical JSON: sorted object keys, no whitespace, JSON.stringify's rules for everything else. Hashes over it
// are stable whatever order a payload was built or stored in.

/**
 * Serialises a JSON-compatible value canonically.
 *
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return serialize(value) ?? 'null';
}

function serialize(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialize((value as { toJSON(): unknown }).toJSON());
  }
  if (Array.isArray(value)) return `[${value.map((item) => serialize(item) ?? 'null').join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const text = serialize((value as Record<string, unknown>)[key]);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }
  if (typeof value === 'bigint') throw new TypeError('canonicalJson: bigint is not JSON-compatible');
  // Strings, finite numbers, booleans; undefined and functions are dropped as JSON.stringify drops them.
  return JSON.stringify(value);
}
