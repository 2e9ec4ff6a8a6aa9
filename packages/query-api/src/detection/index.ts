export { createDetector, type Detector, type DetectorOptions } from './detector';
export type { DetectionRecord } from './attempt';
export {
  FINDING_TYPES,
  SEVERITIES,
  type Finding,
  type FindingOf,
  type FindingType,
  type Severity,
  type Place,
  type Novelty,
  type VolumeDimension,
  type ImpossibleTravelDetails,
  type PushFatigueDetails,
  type PushSprayDetails,
  type BruteForceDetails,
  type FirstSeenDetails,
  type VolumeAnomalyDetails,
  type VolumeAnomalyValue,
  type SourceRiskDetails,
  type SourceConcurrence,
} from '@sightline/schema/api';
export * as THRESHOLDS from './thresholds';
