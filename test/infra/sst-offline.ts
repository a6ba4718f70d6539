/**
 * Evaluates the real sst.config.ts offline, without an AWS account or the SST binary, under
 * Pulumi's own unit-test mocks, and returns every resource it declares.
 *
 * VERSION-SENSITIVE GLUE: this file leans on SST 4.17.1 internals (it stands in for the SST
 * binary), which is why SST is pinned to one exact version. What it reproduces:
 * - how the binary evaluates the config: first the config's `app()` for the stage (giving
 *   `$app`), then one esbuild bundle of `<platform>/src/auto/run.ts` running the config's
 *   `run()`, with `$app`, `$cli` and `$dev` as esbuild defines, the platform shim
 *   `src/shim/run.js` injected (`$config`, `$interpolate`, …), and a global per entry of
 *   .sst/provider-lock.json (`aws`, `random`) plus `sst` (the components);
 * - the binary's RPC server, named by SST_SERVER, for the two methods a deploy of this app
 *   calls: `Provider.Aws.Bootstrap` (the asset bucket) and `Runtime.Build`, which builds a
 *   Node handler as pkg/runtime/node/build.go does (stacks/bundle.ts) and fails when the
 *   handler's file or export is missing. Any other method answers "can't find", as the
 *   binary does, and is reported;
 * - Pulumi: `pulumi.runtime.setMocks` from the @pulumi/pulumi in .sst/platform, the program run
 *   in `runInPulumiStack` (SST's transformations need the root stack resource), and the
 *   mock monitor's registerResource wrapped to see each resource's options (retainOnDelete,
 *   protect), which the Mocks interface does not pass on.
 * An SST upgrade that changes any of this makes the infra tests fail loudly: update here.
 *
 * The program runs in a child Node process (this same file, bundled, with `--child`), so each
 * evaluation starts from a clean Pulumi runtime and a crash cannot take the test down.
 * ABAD_SST_OFFLINE_DEBUG=1 shows the child's stderr and full stack traces.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { sstBuildOptions, type NodeBuildProperties } from '../../stacks/bundle.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLATFORM = join(ROOT, '.sst', 'platform');
const SST_VERSION = '4.17.1';
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const NODE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Edits to files for one evaluation: a function of the file's text, or `null` (no such file). */
export type Patches = Record<string, ((source: string) => string) | null>;

/** Patches resolved to file contents, by absolute path (`null`: the file does not exist). */
type Files = Record<string, string | null>;

export interface EvaluateOptions {
  stage: string;
  /** Environment of the evaluation; ABAD_* variables of the test process are not passed on. */
  env?: Record<string, string>;
  /** Edits applied to files (paths relative to the repo root) in the config and in handler builds. */
  patches?: Patches;
}

export interface DeclaredResource {
  type: string;
  name: string;
  urn: string;
  parent: string;
  custom: boolean;
  retainOnDelete: boolean;
  protect: boolean;
  inputs: Record<string, any>;
}

export interface HandlerBuild {
  functionID: string;
  handler: string;
  runtime: string;
  properties: NodeBuildProperties & { architecture?: string };
  /** The built file, its size, and the imports it leaves to the runtime (Node built-ins, the SDK). */
  outfile?: string;
  bytes?: number;
  externalImports?: string[];
  errors: string[];
}

export interface Evaluation {
  /** Deploy-blocking errors: a failed build, a thrown component, an unhandled rejection. */
  errors: string[];
  resources: DeclaredResource[];
  builds: HandlerBuild[];
  /** RPC methods called that the SST binary would have to answer and this harness does not. */
  unansweredRpc: string[];
  outputs: Record<string, unknown>;
  ms: number;
}

interface ChildJob {
  dir: string;
  stage: string;
  files: Files;
  result: string;
  cli: { command: string; dev: boolean; paths: Record<string, string>; state: { version: Record<string, string> } };
}

interface ChildResult {
  errors: string[];
  resources: DeclaredResource[];
  outputs: Record<string, unknown>;
}

interface CachedBuild {
  /** Every file the bundle was built from (a patch to one of them means a rebuild). */
  inputs: string[];
  /** The answer to `Runtime.Build`. */
  result: { handler: string; out: string; errors: string[]; sourcemaps: string[] };
  artifact: Pick<HandlerBuild, 'outfile' | 'bytes' | 'externalImports'>;
}

/** Starts the stand-in for the SST binary: its RPC server and a shared handler build cache. */
export async function startSstHarness() {
  assertPlatform();
  const work = await mkdtemp(join(tmpdir(), 'abad-sst-'));
  const builds = new Map<string, Promise<CachedBuild>>();
  const evaluations = new Map<string, { files: Files; builds: HandlerBuild[]; unanswered: string[] }>();
  let next = 0;

  // The child program: this file, bundled once (a plain ESM file starts faster than tsx, and
  // without tsx's source maps Pulumi's per-promise stack traces stay cheap). Kept under
  // node_modules so its `esbuild` import resolves.
  const cache = join(ROOT, 'node_modules', '.cache', 'abad-sst-offline');
  await mkdir(cache, { recursive: true });
  const childScript = join(cache, `child-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile: childScript,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    define: { 'import.meta.url': JSON.stringify(import.meta.url) },
    logLevel: 'silent',
  });

  const server: Server = createServer((request, response) => void answer(request, response));
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const port = (server.address() as AddressInfo).port;

  async function answer(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const evaluation = evaluations.get(request.url?.split('/')[1] ?? '');
    const reply = (body: { result?: unknown; error?: string }) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: null, result: null, error: null, ...body }));
    };
    if (!evaluation) return reply({ error: `unknown evaluation ${request.url}` });
    const { method, params } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { method: string; params: any[] };
    try {
      if (method === 'Provider.Aws.Bootstrap') {
        return reply({
          result: {
            asset: `sst-asset-${ACCOUNT}`,
            assetEcrRegistryId: ACCOUNT,
            assetEcrUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/sst-asset`,
            state: `sst-state-${ACCOUNT}`,
            appsyncHttp: '',
            appsyncRealtime: '',
          },
        });
      }
      if (method === 'Runtime.Build') return reply({ result: await runtimeBuild(params[0], evaluation) });
      evaluation.unanswered.push(method);
      return reply({ error: `rpc: can't find method ${method}` });
    } catch (error) {
      return reply({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** `Runtime.Build` as SST 4.17.1's Node runtime answers it, for a deploy (not `sst dev`). */
  async function runtimeBuild(input: any, evaluation: { files: Files; builds: HandlerBuild[] }) {
    const record: HandlerBuild = {
      functionID: input.functionID,
      handler: input.handler,
      runtime: input.runtime,
      properties: input.properties ?? {},
      errors: [],
    };
    evaluation.builds.push(record);
    if (input.isContainer || input.bundle || !String(input.runtime).startsWith('nodejs')) {
      throw new Error(`the offline harness builds Node handlers only (${input.functionID})`);
    }
    const handler = String(input.handler);
    const file = handlerFile(handler, evaluation.files);
    if (!file) {
      record.errors.push(`Handler not found: ${handler}`);
      throw new Error(`Handler not found: ${handler}`);
    }
    const key = `${input.functionID}|${file}|${JSON.stringify(record.properties)}`;
    let cached = builds.get(key);
    if (!cached) {
      cached = buildHandler(input.functionID, handler, file, record.properties, {});
      builds.set(key, cached);
    }
    let built = await cached;
    if (built.inputs.some((path) => path in evaluation.files)) {
      built = await buildHandler(input.functionID, handler, file, record.properties, evaluation.files);
    }
    Object.assign(record, built.artifact, { errors: built.result.errors });
    return built.result;
  }

  async function buildHandler(functionID: string, handler: string, file: string, properties: NodeBuildProperties, files: Files): Promise<CachedBuild> {
    const exportName = extname(handler).slice(1);
    const rel = relative(ROOT, file);
    const fileName = basename(rel, extname(rel)).replaceAll('.', '-');
    const folder = dirname(rel);
    const tag = Object.keys(files).length > 0 ? `-patched-${next++}` : '';
    const out = join(work, 'artifacts', `${functionID}${tag}-src`);
    const outfile = join(out, folder, `${fileName}${properties.format === 'cjs' ? '.cjs' : '.mjs'}`);
    const errors: string[] = [];
    let metafile: Metafile | undefined;
    try {
      const result = await build({ ...sstBuildOptions(file, outfile, properties), absWorkingDir: ROOT, plugins: [patchPlugin(files)] });
      metafile = result.metafile;
    } catch (error) {
      const failures = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } }[] }).errors;
      if (!failures) throw error;
      for (const e of failures) errors.push(e.location ? `${e.text} ${e.location.file}:${e.location.line}:${e.location.column}` : e.text);
    }
    const output = metafile && Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
    if (output && !output.exports.includes(exportName)) {
      errors.push(`${rel} does not export "${exportName}" (handler ${handler})`);
    }
    const inputs = Object.keys(metafile?.inputs ?? {}).map((path) => resolve(ROOT, path));
    const externalImports = [
      ...new Set(
        Object.values(metafile?.inputs ?? {}).flatMap((i) => i.imports.filter((imp) => imp.external && !imp.path.startsWith('<')).map((imp) => imp.path)),
      ),
    ].sort();
    return {
      inputs,
      result: { handler: `${join(folder, fileName)}.${exportName}`, out, errors, sourcemaps: [] },
      artifact: { outfile, ...(output ? { bytes: output.bytes } : {}), externalImports },
    };
  }

  return {
    /** Evaluates sst.config.ts for a stage under Pulumi mocks. */
    async evaluate(options: EvaluateOptions): Promise<Evaluation> {
      const started = Date.now();
      const id = `eval-${next++}`;
      const files: Files = {};
      for (const [path, patch] of Object.entries(options.patches ?? {})) {
        const file = resolve(ROOT, path);
        files[file] = patch === null ? null : patch(existsSync(file) ? readFileSync(file, 'utf8') : '');
      }
      const state = { files, builds: [] as HandlerBuild[], unanswered: [] as string[] };
      evaluations.set(id, state);
      const dir = join(work, id);
      await mkdir(join(dir, 'home'), { recursive: true });
      try {
        const job: ChildJob = {
          dir,
          stage: options.stage,
          files,
          result: join(dir, 'result.json'),
          cli: {
            command: 'deploy',
            dev: false,
            paths: { home: join(dir, 'home'), root: ROOT, work: dir, platform: PLATFORM },
            state: { version: {} },
          },
        };
        await writeFile(join(dir, 'job.json'), JSON.stringify(job));
        const env = Object.fromEntries(
          Object.entries(process.env).filter(([key]) => (!key.startsWith('ABAD_') || key === 'ABAD_SST_OFFLINE_DEBUG') && key !== 'NODE_OPTIONS'),
        );
        const child = await runChild(childScript, join(dir, 'job.json'), {
          ...env,
          // V8's code cache for the big provider SDKs, shared by every evaluation (Node ≥ 22.1).
          NODE_COMPILE_CACHE: join(cache, 'compile-cache'),
          ...options.env,
          SST_SERVER: `http://127.0.0.1:${port}/${id}`,
        });
        const result: ChildResult = existsSync(job.result) ? JSON.parse(await readFile(job.result, 'utf8')) : { errors: [], resources: [], outputs: {} };
        const errors = [...result.errors];
        if (child.code !== 0 && errors.length === 0) errors.push(`evaluation exited with ${child.code}: ${child.stderr.slice(-2000)}`);
        return {
          errors,
          resources: result.resources,
          builds: state.builds,
          unansweredRpc: state.unanswered,
          outputs: result.outputs,
          ms: Date.now() - started,
        };
      } finally {
        evaluations.delete(id);
      }
    },
    async close() {
      await new Promise((done) => server.close(done));
      await rm(work, { recursive: true, force: true });
      await rm(childScript, { force: true });
    },
  };
}

function assertPlatform() {
  const version = existsSync(join(PLATFORM, 'version')) ? readFileSync(join(PLATFORM, 'version'), 'utf8').trim() : undefined;
  if (version !== SST_VERSION) {
    throw new Error(
      `.sst/platform is for SST ${version ?? '(missing)'}; this harness stands in for SST ${SST_VERSION}. ` +
        'Run `npm run typecheck:infra` (it installs the platform), and on an SST upgrade re-check test/infra/sst-offline.ts.',
    );
  }
}

/** The handler's source file, as SST's Node runtime finds it: `<dir>/<file>.<fn>` + a Node extension. */
function handlerFile(handler: string, files: Files): string | undefined {
  const base = basename(handler).split('.').slice(0, -1).join('.');
  for (const ext of NODE_EXTENSIONS) {
    const file = join(ROOT, dirname(handler), base + ext);
    if (files[file] === null) continue;
    if (files[file] !== undefined || existsSync(file)) return file;
  }
  return undefined;
}

/** Serves patched file contents to esbuild (and fails on files patched away). */
function patchPlugin(files: Files): Plugin {
  const escapeRegExp = (path: string) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const filter = new RegExp(`^(${Object.keys(files).map(escapeRegExp).join('|') || '$^'})$`);
  return {
    name: 'abad-patches',
    setup(build) {
      build.onLoad({ filter }, (args) => {
        const contents = files[args.path];
        if (contents === null || contents === undefined) return { errors: [{ text: `${relative(ROOT, args.path)} does not exist (patched away)` }] };
        return { contents, loader: extname(args.path).slice(1) === 'js' ? 'js' : 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** Phase one, as the binary does it: evaluate the config's app() for the stage (`$app`). */
async function evaluateApp(job: ChildJob) {
  // Inside the repo (as the binary writes its eval bundles), so the packages the config reaches (zod) resolve.
  const outfile = join(PLATFORM, `sst.config.app-${process.pid}.mjs`);
  const stub = join(job.dir, 'config-stub.mjs');
  await writeFile(stub, 'export const $config = (config) => config;');
  await build({
    entryPoints: [join(ROOT, 'sst.config.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    inject: [stub],
    plugins: [patchPlugin(job.files)],
    logLevel: 'silent',
  });
  const config = await import(pathToFileURL(outfile).href).then((module) => module.default).finally(() => rm(outfile, { force: true }));
  const app = await config.app({ stage: job.stage });
  return {
    name: app.name,
    stage: job.stage,
    removal: app.removal ?? 'retain',
    protect: Boolean(app.protect),
    home: app.home,
    providers: app.providers ?? {},
  };
}

/**
 * Phase two: the program bundle the binary hands to Pulumi (written into .sst/platform, as
 * the binary does, so the platform's packages resolve).
 */
async function bundleProgram(job: ChildJob, app: object, outfile: string) {
  const lock = JSON.parse(readFileSync(join(ROOT, '.sst', 'provider-lock.json'), 'utf8')) as { package: string; alias: string }[];
  await build({
    stdin: {
      contents: [
        // The provider globals (one per provider-lock entry) and `sst`, the components.
        ...lock.map((p) => `import * as ${p.alias} from ${JSON.stringify(p.package)};`),
        `import * as sst from ${JSON.stringify(join(PLATFORM, 'src', 'components', 'index.ts'))};`,
        `Object.assign(globalThis, { ${[...lock.map((p) => p.alias), 'sst'].join(', ')} });`,
        `import { run } from ${JSON.stringify(join(PLATFORM, 'src', 'auto', 'run.ts'))};`,
        `import config from ${JSON.stringify(join(ROOT, 'sst.config.ts'))};`,
        'export default await run(config.run);',
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'eval.ts',
      loader: 'ts',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'esnext',
    packages: 'external',
    define: { $app: JSON.stringify(app), $cli: JSON.stringify(job.cli), $dev: 'false' },
    inject: [join(PLATFORM, 'src', 'shim', 'run.js')],
    banner: { js: "import { createRequire as topLevelCreateRequire } from 'module';\nconst require = topLevelCreateRequire(import.meta.url);" },
    plugins: [patchPlugin(job.files)],
    logLevel: 'silent',
  });
}

function runChild(script: string, jobPath: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, '--child', jobPath], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', process.env.ABAD_SST_OFFLINE_DEBUG ? 'inherit' : 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The child: hosts the Pulumi program under mocks.

function describe(error: unknown): string {
  if (error instanceof Error) return process.env.ABAD_SST_OFFLINE_DEBUG ? String(error.stack) : error.message;
  return String(error);
}

/** Resource outputs the components read, beyond their inputs. */
function mockState(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
  const [, module = 'x', kind = 'x'] = type.split(/[:/]/);
  const physical = typeof inputs.name === 'string' ? inputs.name : `${name}-mock`;
  const arn = `arn:aws:${module}:${REGION}:${ACCOUNT}:${kind.toLowerCase()}/${physical}`;
  const state: Record<string, any> = { ...inputs, name: physical, arn, id: `${name}-id` };
  switch (type) {
    case 'aws:dynamodb/table:Table':
      if (inputs.streamEnabled) state.streamArn = `${arn}/stream/2026-01-01T00:00:00.000`;
      break;
    case 'aws:apigatewayv2/api:Api':
      state.apiEndpoint = `https://${name.toLowerCase()}.execute-api.${REGION}.amazonaws.com`;
      state.executionArn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${name}-id`;
      break;
    case 'aws:lambda/function:Function':
      state.qualifiedArn = `${arn}:$LATEST`;
      state.invokeArn = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn}/invocations`;
      break;
    case 'aws:sqs/queue:Queue':
      state.url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physical}`;
      break;
    case 'aws:cognito/userPool:UserPool':
      state.endpoint = `cognito-idp.${REGION}.amazonaws.com/${REGION}_${name}`;
      state.id = `${REGION}_${name}`;
      break;
    case 'aws:cloudfront/distribution:Distribution':
      state.domainName = `${name.toLowerCase()}.cloudfront.net`;
      break;
    case 'aws:cloudfront/keyValueStore:KeyValueStore':
      state.arn = `arn:aws:cloudfront::${ACCOUNT}:key-value-store/${name}`;
      break;
    case 'random:index/randomString:RandomString':
      state.result = 'mockrand';
      break;
    case 'random:index/randomPassword:RandomPassword':
      state.result = 'mock-random-password';
      break;
    case 'random:index/randomBytes:RandomBytes':
      state.base64 = Buffer.from('mock-random-bytes').toString('base64');
      state.hex = Buffer.from('mock-random-bytes').toString('hex');
      break;
  }
  return state;
}

/** aws.iam.getPolicyDocument, as the provider renders it (enough of it for these policies). */
function policyDocument(inputs: { statements?: any[] }) {
  const statements = (inputs.statements ?? []).map((s) => ({
    ...(s.sid ? { Sid: s.sid } : {}),
    Effect: s.effect ?? 'Allow',
    ...(s.actions ? { Action: s.actions } : {}),
    ...(s.resources ? { Resource: s.resources } : {}),
    ...(s.principals ? { Principal: Object.fromEntries(s.principals.map((p: any) => [p.type, p.identifiers])) } : {}),
    ...(s.conditions?.length
      ? {
          Condition: s.conditions.reduce((acc: Record<string, Record<string, string[]>>, c: any) => {
            acc[c.test] = { ...acc[c.test], [c.variable]: c.values };
            return acc;
          }, {}),
        }
      : {}),
  }));
  const json = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return { id: createHash('sha1').update(json).digest('hex'), json, minifiedJson: json, statements: inputs.statements ?? [], version: '2012-10-17' };
}

async function child(jobPath: string) {
  // Pulumi captures a stack trace for every promise it tracks (for its leak report); formatting
  // them costs more than the rest of the program. Errors are reported by message.
  if (!process.env.ABAD_SST_OFFLINE_DEBUG) Error.stackTraceLimit = 0;
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as ChildJob;
  const errors: string[] = [];
  const resources: DeclaredResource[] = [];
  let outputs: Record<string, unknown> = {};
  let finished = false;
  const bundle = join(PLATFORM, `sst.config.offline-${process.pid}.mjs`);
  // Written however the program ends: a build that fails inside an apply leaves the stack's
  // outputs unresolved, and Pulumi's leak check then exits the process from 'beforeExit'.
  const finish = () => {
    if (finished) return;
    finished = true;
    rmSync(bundle, { force: true });
    const unique = [...new Set(errors)];
    writeFileSync(
      job.result,
      JSON.stringify({ errors: unique, resources, outputs }, (_key, value) => (typeof value === 'bigint' ? String(value) : value)),
    );
  };
  process.on('exit', finish);
  process.on('unhandledRejection', (error) => errors.push(describe(error)));
  process.on('uncaughtException', (error) => errors.push(describe(error)));

  const pulumi = createRequire(join(PLATFORM, 'package.json'))('@pulumi/pulumi');
  const invokes: Record<string, (inputs: any) => Record<string, unknown>> = {
    'aws:index/getPartition:getPartition': () => ({ id: 'aws', partition: 'aws', dnsSuffix: 'amazonaws.com', reverseDnsPrefix: 'com.amazonaws' }),
    'aws:index/getRegion:getRegion': () => ({
      id: REGION,
      name: REGION,
      region: REGION,
      description: 'US East (N. Virginia)',
      endpoint: `ec2.${REGION}.amazonaws.com`,
    }),
    'aws:index/getCallerIdentity:getCallerIdentity': () => ({
      id: ACCOUNT,
      accountId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:user/offline`,
      userId: 'OFFLINE',
    }),
    'aws:iam/getPolicyDocument:getPolicyDocument': policyDocument,
  };
  await pulumi.runtime.setMocks(
    {
      newResource: (args: { type: string; name: string; inputs: Record<string, any>; id?: string }) => {
        const state = mockState(args.type, args.name, args.inputs);
        return { id: args.id || state.id, state };
      },
      call: (args: { token: string; inputs: any }) => {
        const invoke = invokes[args.token];
        if (!invoke) throw new Error(`the offline harness has no mock for the invoke ${args.token}`);
        return invoke(args.inputs);
      },
    },
    'abad',
    job.stage,
    false,
  );
  const monitor = pulumi.runtime.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: any) => {
    resources.push({
      type: req.getType(),
      name: req.getName(),
      urn: `urn:pulumi:${job.stage}::abad::${req.getType()}::${req.getName()}`,
      parent: req.getParent(),
      custom: req.getCustom(),
      retainOnDelete: Boolean(req.getRetainondelete?.()),
      protect: Boolean(req.getProtect?.()),
      inputs: pulumi.runtime.deserializeProperties(req.getObject()),
    });
    return register(req, callback);
  };

  try {
    const app = await evaluateApp(job);
    await bundleProgram(job, app, bundle);
    outputs = await pulumi.runtime.runInPulumiStack(async () => (await import(pathToFileURL(bundle).href)).default);
    await pulumi.runtime.disconnect();
  } catch (error) {
    errors.push(describe(error));
  }
  if (pulumi.log.hasErrors() && errors.length === 0) errors.push('Pulumi logged errors (see stderr)');
  finish();
}

if (process.argv[2] === '--child' && process.argv[3]) {
  child(process.argv[3]).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
