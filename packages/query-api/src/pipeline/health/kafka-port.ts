import type { PipelineConfig } from '../config';
import { pipelineLag } from '../kafka/lag';
import type { PipelineLag, PipelinePort } from '@sightline/schema/api-schemas';

type LagConfig = Pick<PipelineConfig, 'brokers' | 'firehoseTopic' | 'deadLetterTopic' | 'indexerGroup'>;

/**
 * The API's lag port on a real cluster. One read at a time: against an unreachable broker a read
 * retries for half a minute, and the API, which stops waiting after a couple of seconds, must not
 * start another behind each poll.
 */
export function kafkaPipelinePort(
  config: LagConfig,
  read: (config: LagConfig) => ReturnType<typeof pipelineLag> = pipelineLag,
): PipelinePort {
  let inFlight: Promise<PipelineLag> | undefined;
  const lag = async (): Promise<PipelineLag> => {
    const found = await read(config);
    return {
      partitions: found.partitions.map((p) => ({
        partition: p.partition,
        committed: p.committed,
        end: p.logEnd,
        lag: p.lag,
      })),
      deadLetters: found.deadLetter.messages,
    };
  };
  return {
    firehoseTopic: config.firehoseTopic,
    deadLetterTopic: config.deadLetterTopic,
    indexerGroup: config.indexerGroup,
    lag: () => {
      inFlight ??= lag().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
