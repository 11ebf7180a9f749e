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
