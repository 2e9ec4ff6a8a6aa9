import { Lru } from './lru';
import { MAX_EVIDENCE } from './thresholds';

export interface TimedEvent {
  time: number;
  txid: string;
}

/** A run of qualifying events for one subject (a user, an address), open while events keep coming. */
export interface Episode<E extends TimedEvent> {
  /** Txid of the first event when the episode opened; kept for its whole life so its id never moves. */
  key: string;
  first: number;
  last: number;
  count: number;
  /** The earliest events, in time order, at most MAX_EVIDENCE. */
  events: E[];
  /** The first follow-up (an approval, a success) within the follow-up window, if any. */
  followUp: E | null;
}

export interface EpisodeOptions<E extends TimedEvent> {
  /** Events closer than this belong together; the pattern must fit in one such window. */
  windowMs: number;
  /** Whether the events of one window are enough to open an episode. */
  enough: (events: readonly E[]) => boolean;
  /** A follow-up counts if it comes after the first event and at most this long after the last. */
  followUpMs: number;
  /** Events remembered per subject (the oldest go first) and subjects remembered (least recent go first). */
  maxEvents: number;
  maxSubjects: number;
}

interface State<E extends TimedEvent> {
  timeline: E[];
  followUps: E[];
  episode: Episode<E> | null;
}

const MAX_FOLLOW_UPS = 8;

function insertSorted<E extends TimedEvent>(list: E[], event: E): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.time > event.time) i--;
  list.splice(i, 0, event);
}

/**
 * Finds bursts of events per subject on event time, whatever order they arrive in: a late event
 * joins the episode it falls into, and an episode keeps the key it opened with, so replaying the same
 * events in the same order reproduces the same episodes. Redelivered records are dropped before
 * they get here (the detector remembers recent txids).
 */
export class EpisodeTracker<E extends TimedEvent> {
  private readonly subjects: Lru<string, State<E>>;

  constructor(private readonly options: EpisodeOptions<E>) {
    this.subjects = new Lru(options.maxSubjects);
  }

  /** Adds a qualifying event; returns the episode it opened or extended, or null. */
  add(subject: string, event: E): Episode<E> | null {
    const state = this.state(subject);
    insertSorted(state.timeline, event);
    if (state.timeline.length > this.options.maxEvents) state.timeline.shift();

    const { windowMs } = this.options;
    const open = state.episode;
    if (open && event.time >= open.first - windowMs && event.time <= open.last + windowMs) {
      open.count += 1;
      open.first = Math.min(open.first, event.time);
      open.last = Math.max(open.last, event.time);
      insertSorted(open.events, event);
      if (open.events.length > MAX_EVIDENCE) open.events.pop();
      this.attachFollowUp(open, state.followUps);
      return open;
    }
    const cluster = this.clusterAround(state.timeline, event);
    if (!this.dense(cluster)) return null;
    const episode: Episode<E> = {
      key: cluster[0]!.txid,
      first: cluster[0]!.time,
      last: cluster[cluster.length - 1]!.time,
      count: cluster.length,
      events: cluster.slice(0, MAX_EVIDENCE),
      followUp: null,
    };
    state.episode = episode;
    this.attachFollowUp(episode, state.followUps);
    return episode;
  }

  /** Adds a follow-up (an approval, a success); returns the open episode if it now has its first follow-up. */
  addFollowUp(subject: string, event: E): Episode<E> | null {
    const state = this.state(subject);
    insertSorted(state.followUps, event);
    if (state.followUps.length > MAX_FOLLOW_UPS) state.followUps.shift();
    const open = state.episode;
    if (!open) return null;
    const before = open.followUp;
    this.attachFollowUp(open, state.followUps);
    return open.followUp !== before ? open : null;
  }

  private state(subject: string): State<E> {
    return this.subjects.upsert(subject, () => ({ timeline: [], followUps: [], episode: null }));
  }

  private attachFollowUp(episode: Episode<E>, followUps: readonly E[]): void {
    const match = followUps.find(
      (f) => f.time >= episode.first && f.time <= episode.last + this.options.followUpMs,
    );
    if (match && (episode.followUp === null || match.time < episode.followUp.time)) episode.followUp = match;
  }

  /** The events chained to `event` by gaps no longer than the window. */
  private clusterAround(timeline: readonly E[], event: E): E[] {
    const at = timeline.indexOf(event);
    let from = at;
    let to = at;
    while (from > 0 && timeline[from]!.time - timeline[from - 1]!.time <= this.options.windowMs) from--;
    while (to < timeline.length - 1 && timeline[to + 1]!.time - timeline[to]!.time <= this.options.windowMs)
      to++;
    return timeline.slice(from, to + 1);
  }

  /** Whether some window of the cluster holds enough events. */
  private dense(cluster: readonly E[]): boolean {
    for (let i = 0, j = 0; i < cluster.length; i++) {
      while (j < cluster.length && cluster[j]!.time - cluster[i]!.time <= this.options.windowMs) j++;
      if (this.options.enough(cluster.slice(i, j))) return true;
    }
    return false;
  }
}
