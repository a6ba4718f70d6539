import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Request bodies are never logged: they carry donor names and phones.
 * Only ids, routes, statuses and error kinds are.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'abad' });
