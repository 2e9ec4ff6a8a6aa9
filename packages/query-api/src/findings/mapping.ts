import type { estypes } from '@elastic/elasticsearch';

/** Findings, one document per finding id: the detector upserts, an admin sets the status. */
export const FINDINGS_INDEX = 'sightline-findings';
/** Muted patterns: one document per customer, user and finding type. */
export const FINDING_MUTES_INDEX = 'sightline-finding-mutes';
/** Every status change, as the export audit records every export. */
export const FINDING_AUDIT_INDEX = 'sightline-findings-audit';

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

export const findingsMapping: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    id: keyword,
    customer: keyword,
    type: keyword,
    severity: keyword,
    score: { type: 'float' },
    reason: { type: 'text' },
    user: keyword,
    address: keyword,
    firstSeen: date,
    lastSeen: date,
    evidence: keyword,
    evidenceCount: { type: 'integer' },
    // Each type has its own details: kept verbatim in _source, not indexed.
    details: { type: 'object', enabled: false },
    status: keyword,
    updatedAt: date,
    statusChangedAt: date,
    statusChangedBy: keyword,
  },
};

export const mutesMapping: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    customer: keyword,
    user: keyword,
    type: keyword,
    finding: keyword,
    token: keyword,
    at: date,
  },
};

export const findingAuditMapping: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    id: keyword,
    token: keyword,
    customer: keyword,
    finding: keyword,
    type: keyword,
    user: keyword,
    at: date,
    from: keyword,
    to: keyword,
    // true: muted, false: unmuted, null: left as it was.
    mute: { type: 'boolean' },
    note: { type: 'text' },
  },
};
