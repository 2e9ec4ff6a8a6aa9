import { MAX_VIEW_NAME_LENGTH, MAX_VIEW_URL_LENGTH, MAX_VIEWS_PER_CUSTOMER } from '@sightline/schema/api';

import { bodySchema } from '../server/query-params';
import { newViewSchema } from './params';

type Json = Record<string, unknown>;

const date = { type: 'string', format: 'date-time' };

/** The OpenAPI components of the saved-view routes. */
export const viewSchemas: Record<string, Json> = {
  SavedView: {
    type: 'object',
    description: 'A named dashboard address (page, range, filters, columns) of one customer.',
    required: ['id', 'name', 'url', 'owner', 'createdAt'],
    properties: {
      id: { type: 'string', description: 'Derived from the customer and the name' },
      name: { type: 'string', maxLength: MAX_VIEW_NAME_LENGTH },
      url: {
        type: 'string',
        maxLength: MAX_VIEW_URL_LENGTH,
        description: 'The dashboard path and query, e.g. /log?last=7d&f.result=denied',
      },
      owner: { type: 'string', description: 'The name of the token that saved it' },
      createdAt: date,
    },
  },
  SavedViewList: {
    type: 'object',
    required: ['views', 'limit'],
    properties: {
      views: { type: 'array', items: { $ref: '#/components/schemas/SavedView' } },
      limit: { type: 'integer', description: 'How many views the customer may keep' },
    },
  },
  NewSavedView: bodySchema(newViewSchema),
};

/** What the routes' descriptions say about the limit. */
export const VIEWS_LIMIT_TEXT = `A customer keeps at most ${MAX_VIEWS_PER_CUSTOMER} views; saving one more is a 409 that says so.`;
