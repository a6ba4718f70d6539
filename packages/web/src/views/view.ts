/** A page: fills `main` and returns what to undo when the reader leaves it (timers, listeners). */
export type View = (main: HTMLElement) => (() => void) | void;
