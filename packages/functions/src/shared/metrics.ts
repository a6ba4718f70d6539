import { Metrics } from '@aws-lambda-powertools/metrics';

/** CloudWatch metrics (EMF). The local runtime turns them off (POWERTOOLS_METRICS_DISABLED). */
export const metrics = new Metrics({ namespace: 'Abad', serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'abad' });
