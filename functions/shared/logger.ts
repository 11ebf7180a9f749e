/** Structured JSON logs (AWS Lambda Powertools), one logger per function, level from the settings. */
import { Logger } from '@aws-lambda-powertools/logger';
import type { LambdaLogLevel } from '../../config/settings';

export function createLogger(serviceName: string, logLevel: LambdaLogLevel): Logger {
  return new Logger({ serviceName, logLevel });
}
