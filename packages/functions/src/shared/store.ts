import { createDocumentClient, type Store } from '@abad/core';

let store: Store | undefined;

/** The store the handlers use, configured from the environment once per container. */
export function getStore(): Store {
  if (!store) {
    const tableName = process.env.TABLE_NAME;
    const cursorSecret = process.env.CURSOR_SECRET;
    if (!tableName) throw new Error('TABLE_NAME is not set');
    if (!cursorSecret) throw new Error('CURSOR_SECRET is not set');
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    store = {
      doc: createDocumentClient(endpoint ? { endpoint } : {}),
      tableName,
      cursorSecret,
      now: () => new Date(),
    };
  }
  return store;
}
