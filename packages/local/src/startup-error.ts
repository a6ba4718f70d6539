/**
 * An expected reason the runtime cannot start (Java missing, port taken, data folder in use,
 * bad setting). Its message is one line telling the user what to do; `npm start` prints just
 * that, while any other error is a bug and keeps its stack trace.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}
