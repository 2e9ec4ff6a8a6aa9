import type { GroupAssignment } from '@platformatic/kafka';
import type { PauseWatch } from '../pauses';

/** The load-log stream (and pausable source) of one firehose partition. */
export const partitionStream = (topic: string, partition: number): string => `${topic}/${partition}`;

/** The partitions of `topic` in an assignment whose source is paused, in order. */
export function pausedPartitions(
  assignments: readonly GroupAssignment[],
  topic: string,
  isPaused: (source: string) => boolean,
): number[] {
  return assignments
    .filter((a) => a.topic === topic)
    .flatMap((a) => a.partitions)
    .filter((p) => isPaused(partitionStream(topic, p)))
    .sort((a, b) => a - b);
}

/** The assignment without the held partitions of `topic`. */
export function withoutHeld(
  assignments: readonly GroupAssignment[],
  topic: string,
  held: ReadonlySet<number>,
): GroupAssignment[] {
  return assignments.map((a) =>
    a.topic === topic ? { topic: a.topic, partitions: a.partitions.filter((p) => !held.has(p)) } : a,
  );
}

/** The part of a Kafka consumer a hold acts on: the assignment its messages stream fetches. */
export interface AssignedConsumer {
  assignments: GroupAssignment[] | null;
}

/**
 * Holds the paused partitions of one group membership: their records wait in Kafka, their committed
 * offsets stay where the last stored batch left them, and the group's lag on them grows, which is
 * what Data health shows.
 *
 * The Kafka client (@platformatic/kafka 1.35 and 2.x) can pause a messages stream only as a whole.
 * Its stream fetches the partitions in the consumer's `assignments` as they are at each fetch, so a
 * hold takes the partition out of that list: nothing more is fetched from it, and its records that
 * still arrive (buffered, or from a fetch already waiting) are set aside unstored and uncommitted
 * (release). A batch being stored when the hold began is finished. The group still counts the partition as this
 * member's, so no other member picks it up. Lifting a hold needs a new membership: the stream only
 * knows the committed offsets of the partitions it fetched since the join, so it cannot be handed
 * one back; a membership that starts again reads it from its committed offset.
 */
export class PartitionHolds {
  private assigned: GroupAssignment[] = [];
  private held = new Set<number>();

  constructor(
    private readonly o: {
      topic: string;
      watch: PauseWatch;
      consumer: AssignedConsumer;
      log: (line: string) => void;
    },
  ) {}

  /**
   * On every join (the group handed out its partitions): hold those paused as last read. True when a
   * partition held before the join is not held any more: the membership must start again to read it
   * from its committed offset (see release).
   */
  joined(assignments: readonly GroupAssignment[] | null): boolean {
    const before = this.held;
    this.assigned = [...(assignments ?? [])];
    this.held = new Set();
    this.apply();
    return [...before].some((p) => !this.held.has(p));
  }

  /**
   * The messages of the partitions not held. A fetch already waiting at the broker when a hold began
   * may still bring records of the held partition: they are neither stored nor committed, and a new
   * membership reads them again from the committed offset once the partition is resumed.
   */
  release<M extends { topic: string; partition: number }>(messages: M[]): M[] {
    if (this.held.size === 0) return messages;
    return messages.filter((m) => m.topic !== this.o.topic || !this.held.has(m.partition));
  }

  /**
   * Reads the pauses again (at most every ttl of the watch) and holds the partitions paused since.
   * True when a held partition was resumed: the membership must start again to read it.
   */
  async check(): Promise<boolean> {
    await this.o.watch.refresh();
    const paused = new Set(this.pausedNow());
    if ([...this.held].some((p) => !paused.has(p))) return true;
    if (paused.size > this.held.size) this.apply();
    return false;
  }

  /** The partitions held now. */
  get holding(): number[] {
    return [...this.held].sort((a, b) => a - b);
  }

  private pausedNow(): number[] {
    return pausedPartitions(this.assigned, this.o.topic, (s) => this.o.watch.known(s) !== null);
  }

  private apply(): void {
    for (const p of this.pausedNow()) {
      if (this.held.has(p)) continue;
      this.held.add(p);
      const source = partitionStream(this.o.topic, p);
      const pause = this.o.watch.known(source);
      this.o.log(
        `consume: holding ${source}, paused by ${pause?.by ?? 'an operator'} (${pause?.reason ?? ''}); its records wait in Kafka until it is resumed`,
      );
    }
    if (this.held.size > 0) this.o.consumer.assignments = withoutHeld(this.assigned, this.o.topic, this.held);
  }
}
