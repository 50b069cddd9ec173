// Runs builds in the background of the server process through the build service (src/build), and answers as soon
// as the build is registered so the API can return 202 and the dashboard can poll its progress.

import { createHash, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { canonicalJson } from '../audit/index.js';
import { buildPolicyFrom, runBuild, storeSource } from '../build/index.js';
import type { Policy } from '../policy/index.js';
import type { Store } from '../store/store.js';
import { httpError } from './errors.js';
import type { BuildPort } from './ports.js';

export interface BuildRunnerOptions {
  readonly store: Store;
  readonly policy: Policy;
  /** Where build directories go: `<buildsDir>/<purpose>-<time>-<random>/`. */
  readonly buildsDir: string;
  /** Worker threads per build (default 1: the server shares the machine with its requests). */
  readonly workers?: number;
  /** Reports a build that failed after it was registered (the store records the failure too). */
  readonly onFailure?: (buildId: string | null, error: unknown) => void;
}

/** sha256 of the policy's canonical JSON, the identity a manifest names. */
export function policySha256(policy: Policy): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex');
}

/**
 * A BuildPort over `runBuild`: starts the build without awaiting it, then waits only until the store holds its
 * record (or the build fails before that, which is a 422 naming the reason).
 */
export function createBuildRunner(options: BuildRunnerOptions): BuildPort {
  const sha = policySha256(options.policy);
  const running = new Set<Promise<unknown>>();
  return {
    async drain(timeoutMs) {
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolveTimeout) => {
        timer = setTimeout(resolveTimeout, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...running]), timeout]);
      clearTimeout(timer);
    },
    async start(request, actor) {
      const stamp = request.asOf.replace(/[-:.]/g, '').slice(0, 15);
      const outDir = resolve(join(options.buildsDir, `${request.purpose}-${stamp}-${randomBytes(3).toString('hex')}`));
      let failure: unknown;
      let settled = false;
      const build = runBuild({
        store: options.store,
        policy: buildPolicyFrom(options.policy, request.purpose, request.asOf, sha),
        purpose: request.purpose,
        asOf: request.asOf,
        outDir,
        format: request.format ?? 'jsonl',
        sources: storeSource(options.store),
        workers: options.workers ?? 1,
        actor,
      });
      running.add(build);
      void build.finally(() => running.delete(build)).catch(() => undefined);
      build.then(
        () => {
          settled = true;
        },
        (error: unknown) => {
          settled = true;
          failure = error;
        },
      );
      for (let waited = 0; waited < 30_000; waited += 25) {
        const record = (await options.store.listBuilds()).find((b) => b.location === outDir);
        if (record) {
          build.catch((error: unknown) => options.onFailure?.(record.id, error));
          return { id: record.id };
        }
        if (settled && failure !== undefined) {
          const reason = failure instanceof Error ? failure.message.slice(0, 200) : 'unknown error';
          throw httpError('ASSENT_ERR_BUILD_REJECTED', { reason });
        }
        await new Promise((resolveWait) => setTimeout(resolveWait, 25));
      }
      throw httpError('ASSENT_ERR_BUILD_REJECTED', { reason: 'the build did not register within 30 seconds' });
    },
  };
}
