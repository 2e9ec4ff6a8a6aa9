import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, clientTypes } from '../scripts/openapi-types';

describe("the typed client's routes", () => {
  it('are typed from the OpenAPI document as it is now (regenerate with npm run openapi:types)', async () => {
    const current = await clientTypes();
    const written = readFileSync(CLIENT_TYPES_FILE, 'utf8');
    expect(
      written === current,
      'packages/client/src/openapi.ts is older than the document: run npm run openapi:types',
    ).toBe(true);
  });
});
