import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { decodeFrames, FrameError, type Frame } from './frame';

/**
 * The frames of one segment, read as they are decompressed: memory holds one chunk and one record
 * whatever the segment's size. Errors name the segment.
 */
export async function* readSegment(root: string, segment: string): AsyncGenerator<Frame> {
  const path = join(root, segment);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  file.pipe(gunzip);
  try {
    yield* decodeFrames(gunzip as AsyncIterable<Buffer>);
  } catch (error) {
    if (error instanceof FrameError) throw new FrameError(`archive segment ${path}: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`archive segment ${path} is missing`);
    throw new Error(
      `archive segment ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    file.destroy();
    gunzip.destroy();
  }
}
