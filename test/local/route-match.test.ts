import { describe, expect, it } from 'vitest';
import { createRouter } from '@abad/local/route-match';
import { parseRoutes } from '@abad/local/routes';

const route = (method: string, path: string) => ({ method, path });

describe('route matching (API Gateway rules)', () => {
  const match = createRouter([
    route('GET', '/projects'),
    route('GET', '/projects/{id}'),
    route('GET', '/projects/latest'),
    route('GET', '/projects/{id}/progress'),
    route('GET', '/{proxy+}'),
  ]);
  const find = (method: string, path: string) => {
    const m = match(method, path.split('/').slice(1));
    return m && { path: m.route.path, params: m.pathParameters };
  };

  it('picks the most specific template', () => {
    expect(find('GET', '/projects')).toEqual({ path: '/projects', params: {} });
    expect(find('GET', '/projects/latest')).toEqual({ path: '/projects/latest', params: {} });
    expect(find('GET', '/projects/01J')).toEqual({ path: '/projects/{id}', params: { id: '01J' } });
    expect(find('GET', '/projects/01J/progress')).toEqual({ path: '/projects/{id}/progress', params: { id: '01J' } });
    expect(find('GET', '/anything/else')).toEqual({ path: '/{proxy+}', params: { proxy: 'anything/else' } });
  });

  it('matches the method exactly', () => {
    expect(find('POST', '/projects')).toBeUndefined();
  });
});

describe('route table validation', () => {
  it('accepts a well-formed table and names the bad entry otherwise', () => {
    expect(parseRoutes([{ method: 'GET', path: '/health', handler: 'health', auth: 'public' }])).toHaveLength(1);
    expect(() => parseRoutes([{ method: 'GET', path: '/a', handler: 'a', auth: 'none' }])).toThrow(/route #0/);
    expect(() => parseRoutes([{ method: 'HEAD', path: '/a', handler: 'a', auth: 'jwt' }])).toThrow(/method/);
    const twice = { method: 'GET', path: '/a', handler: 'a', auth: 'jwt' };
    expect(() => parseRoutes([twice, twice])).toThrow(/twice/);
  });
});
