import { parseInput, progressReportInput, reportProgress } from '@abad/core';
import { httpHandler, type AuthenticatedRequest } from '../handler.ts';
import { pathId } from '../request.ts';
import { created } from '../response.ts';

export const handler = httpHandler<AuthenticatedRequest>({
  auth: 'token',
  action: 'project:write',
  jsonBody: true,
  idempotent: true,
  handle: async ({ store, principal, event, body, language, idempotencyKey }) => {
    const id = pathId(event);
    const { report, project } = await reportProgress(store, principal, id, parseInput(progressReportInput, body, language), idempotencyKey);
    return created(`/projects/${id}/progress/${report.id}`, { report, project });
  },
});
