import { createHash } from 'node:crypto';

/**
 * A name-based UUID (version 5 layout, SHA-1 of a Hearth demo namespace and the key).
 * The same key always gives the same id, so a user or scheme loaded by two demo runs,
 * even with different seeds, is one row, and its memberships still point at it.
 */
export type DemoKind = 'scheme' | 'user' | 'membership' | 'person' | 'referral' | 'status change' | 'profile' | 'risk' | 'category' | 'circle member' | 'consent';

export function demoId(kind: DemoKind, key: string): string {
  const bytes = createHash('sha1').update(`hearth-demo:${kind}:${key}`).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
