import { Metrics } from '@aws-lambda-powertools/metrics';

/** CloudWatch metrics (EMF). Locally off unless POWERTOOLS_METRICS_DISABLED=false. */
export const metrics = new Metrics({ namespace: 'Abad', serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'abad' });
