import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ApiResponse } from './api.ts';

/**
 * Checks real responses against the API's own OpenAPI document: the status must be one the
 * operation lists, the media type one it lists for that status, the body valid against that
 * schema (JSON Schema 2020-12, the document's `$ref`s resolved inside it), and each header it
 * promises present and valid.
 */
type Json = Record<string, any>;

const ID = 'https://abad.invalid/openapi.json';

const INT32 = 2 ** 31;

export class OpenApiContract {
  private readonly ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    formats: {
      ulid: /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i,
      date: (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)),
      'date-time': (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
      'uri-reference': (s: string) => URL.canParse(s, 'https://abad.invalid/'),
      int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 },
      int64: { type: 'number', validate: (n: number) => Number.isSafeInteger(n) },
    },
  });
  private readonly validators = new Map<string, ValidateFunction>();
  /** `METHOD /path/{template} status`: every response checked. */
  readonly checked = new Set<string>();

  constructor(readonly document: Json) {
    this.ajv.addSchema({ ...document, $id: ID });
  }

  /** What is wrong with `response` as an answer of `method path` (the path as a template); nothing when it conforms. */
  problems(method: string, path: string, response: ApiResponse): string[] {
    const where = `${method} ${path} ${response.status}`;
    const operation = this.document.paths?.[path]?.[method.toLowerCase()] as Json | undefined;
    if (!operation) return [`${method} ${path} is not in the document`];
    const declared = operation.responses?.[String(response.status)] as Json | undefined;
    if (!declared) return [`${where}: the document lists no such status (it lists ${Object.keys(operation.responses ?? {}).join(', ')})`];
    this.checked.add(where);
    const problems: string[] = [];
    for (const [name, header] of Object.entries((declared.headers ?? {}) as Record<string, Json>)) {
      const value = response.headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`${where}: header ${name} is promised but missing`);
        continue;
      }
      const pointer = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${response.status}/headers/${escapePointer(name)}/schema`;
      problems.push(...this.validate(pointer, value).map((p) => `${where} header ${name}: ${p}`));
    }
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    if (!declared.content) {
      if (text) problems.push(`${where}: the document promises no body, but one came: ${text.slice(0, 200)}`);
      return problems;
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!declared.content[mediaType])
      return [...problems, `${where}: media type ${mediaType || '(none)'} is not listed (${Object.keys(declared.content).join(', ')})`];
    const pointer = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${response.status}/content/${escapePointer(mediaType)}/schema`;
    problems.push(...this.validate(pointer, response.body).map((p) => `${where} body: ${p}`));
    return problems;
  }

  private validate(pointer: string, value: unknown): string[] {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.getSchema(`${ID}${pointer}`);
      if (!validate) throw new Error(`no schema at ${pointer}`);
      this.validators.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}

/** A JSON Pointer segment, as a URI fragment carries it. */
function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'));
}
