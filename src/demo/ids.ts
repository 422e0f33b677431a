import { createHash } from 'node:crypto';

/**
 * A name-based UUID (version 5 layout, SHA-1 of a Hearth demo namespace and the key).
 * The same key always gives the same id, so a user or scheme loaded by two demo runs,
 * even with different seeds, is one row, and its memberships still point at it.
 */
export type DemoKind =
  | 'scheme'
  | 'user'
  | 'membership'
  | 'person'
  | 'referral'
  | 'status change'
  | 'profile'
  | 'risk'
  | 'place'
  | 'category'
  | 'circle member'
  | 'consent'
  | 'carer'
  | 'check type'
  | 'panel'
  | 'panel member'
  | 'panel case'
  | 'panel view'
  | 'arrangement'
  | 'agreement template';

export function demoId(kind: DemoKind, key: string): string {
  const bytes = createHash('sha1').update(`hearth-demo:${kind}:${key}`).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const CHILD_KINDS = [
  'household member',
  'stage change',
  'check record',
  'review',
  'approval',
  'availability',
  'booking',
  'carer break',
  'arrangement status change',
  'agreement',
  'acknowledgement',
  'support plan',
  'support plan version',
  'support plan proposal',
  'support plan message',
  'incident',
  'follow-up',
  'arrangement review',
  'review action',
] as const;

/**
 * The id of the n-th row of a kind belonging to a parent row (a carer's check records, say):
 * the parent's id with its last 48 bits replaced by the kind and n. As deterministic as demoId,
 * without hashing hundreds of thousands of times; distinct for distinct parents, kinds and n.
 */
export function childId(parentId: string, kind: (typeof CHILD_KINDS)[number], n: number): string {
  const tail = CHILD_KINDS.indexOf(kind) * 2 ** 40 + n;
  return parentId.slice(0, 24) + tail.toString(16).padStart(12, '0');
}
