/**
 * Told the error of each record a queue-triggered handler fails (the record stays in the batch's
 * batchItemFailures and is retried). Lambda's response has no room for why a record failed, so in AWS the
 * handler's log line is where the cause is read; the local event fabric passes one of these to keep each
 * record's real error with its message, which becomes the dead-letter reason `npm run queues` shows.
 */
export type RecordErrorReporter = (messageId: string, error: unknown) => void;

/** Errors of the order Lambdas, each with a stable `errorType` the logs and DLQ reasons show. */
export type EventErrorType = 'ValidationError' | 'Conflict';

export class EventProcessingError extends Error {
  constructor(
    readonly errorType: EventErrorType,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}
