import { resolveGuardrails } from '../manifest/guardrails.js';
import { loadManifests } from '../manifest/load.js';
import { resolveManifest } from '../manifest/resolve.js';
import { DEFAULT_ACCOUNT } from '../engine/engine.js';
import { emptyResourceSet } from '../model/resources.js';
import { planCalls } from '../plan/calls.js';
import { diffResources } from '../plan/changes.js';
import { renderValidationJson, renderValidationText } from '../render/validation.js';
import type { ParsedArgs } from './args.js';
import { checkDesired } from './checks.js';
import { styleFor, withoutFaulted } from './plan.js';
import { simulate, simulationDiagnostics } from './simulate.js';

/**
 * `logwarden validate [DIR] [--json]`: the manifests checked, then every sound resource simulated
 * onto an empty engine (what only AWS rejects is reported beside the manifests' own errors), and
 * the manifests' guardrails evaluated over what they declare.
 */
export async function validate(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const manifest = loadManifests(dir);
  const scope = { account: args.string('account') ?? DEFAULT_ACCOUNT, region: args.string('region') ?? 'us-east-1' };
  const desired = resolveManifest(manifest, scope);
  const guardrails = resolveGuardrails(manifest);
  const diagnostics = [...manifest.diagnostics, ...desired.diagnostics, ...guardrails.diagnostics];
  // resources the manifest already faulted are left out, so what only AWS rejects shows up beside them
  const sound = withoutFaulted(desired.resources, diagnostics);
  const calls = planCalls(diffResources(sound, emptyResourceSet(), { isOwned: () => false }), scope);
  const results = await simulate(calls, { observed: emptyResourceSet() }, desired.externals, scope);
  diagnostics.push(...simulationDiagnostics(results, desired.sourceOf));
  diagnostics.push(...checkDesired(guardrails.rules, desired, diagnostics).diagnostics);
  const view = { files: manifest.files, resources: desired.resources.size, diagnostics };
  out.write(args.flag('json') ? renderValidationJson(view) : renderValidationText(view, styleFor(args, out)));
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
