import { monotonicFactory } from 'ulid';

/** ULIDs: unique, and sortable by creation time (index sort keys rely on that). */
export const newId = monotonicFactory();
