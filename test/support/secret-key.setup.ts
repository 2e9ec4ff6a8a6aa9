import { randomBytes } from 'node:crypto';
import { SECRET_KEY_ENV, SECRET_KEY_FILE_ENV } from '../../packages/query-api/src/secrets/key';

/**
 * As `npm start` gives its processes a key to seal webhook secrets with, the tests give theirs (and
 * the sightline processes they spawn) one: SIGHTLINE_SECRET_KEY or its file when set, else a random
 * key for this run. Tests of a missing or wrong key pass their own key source.
 */
export default function setup(): void {
  if (!process.env[SECRET_KEY_ENV] && !process.env[SECRET_KEY_FILE_ENV])
    process.env[SECRET_KEY_ENV] = randomBytes(32).toString('base64');
}
