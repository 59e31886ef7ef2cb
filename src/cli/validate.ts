import { resolveGuardrails } from '../manifest/guardrails.js';
import { loadManifests } from '../manifest/load.js';
import { scopesOf } from '../manifest/resolve.js';
import { resolveWithRules } from '../manifest/rules-apply.js';
import { DEFAULT_ACCOUNT } from '../engine/engine.js';
import { emptyResourceSet } from '../model/resources.js';
import { scopeKey } from '../model/scope.js';
import { diffResources } from '../plan/changes.js';
import { planFleetCalls } from '../plan/fleet.js';
import { renderValidationJson, renderValidationText } from '../render/validation.js';
import type { ParsedArgs } from './args.js';
import { checkDesired } from './checks.js';
import { organizationOf, styleFor, withoutFaulted } from './plan.js';
import { simulate, simulationDiagnostics } from './simulate.js';

/**
 * `logwarden validate [DIR] [--json]`: the manifests checked, then every sound resource of every
 * scope simulated onto an empty engine (what only AWS rejects is reported beside the manifests'
 * own errors), and the manifests' guardrails evaluated over what each scope declares. Manifests
 * that name no account or region are checked in 123456789012 / us-east-1 (or --account / --region).
 */
export async function validate(args: ParsedArgs, out: NodeJS.WritableStream): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const manifest = loadManifests(dir);
  const defaults = { account: args.string('account') ?? DEFAULT_ACCOUNT, region: args.string('region') ?? 'us-east-1' };
  const scopes = scopesOf(manifest, defaults).map((scope) => ({ scope, desired: resolveWithRules(manifest, scope, defaults).desired }));
  const diagnostics = [...manifest.diagnostics, ...scopes.flatMap((s) => s.desired.diagnostics)];
  const fleet = scopes.length > 1;
  // resources the manifest already faulted are left out, so what only AWS rejects shows up beside them
  const calls = planFleetCalls(
    scopes.map(({ scope, desired }) => ({ scope, changes: diffResources(withoutFaulted(desired.resources, diagnostics), emptyResourceSet(), { isOwned: () => false }) })),
    fleet,
  );
  const results = await simulate(calls, scopes.map((s) => ({ scope: s.scope, externals: s.desired.externals })), undefined, organizationOf(manifest.settings, scopes));
  const sources = new Map(scopes.map((s) => [scopeKey(s.scope), s.desired.sourceOf]));
  diagnostics.push(...simulationDiagnostics(results, (call, address, member) => (call.scope ? sources.get(call.scope) : scopes[0]?.desired.sourceOf)?.(address, member)));
  const guardrails = resolveGuardrails(manifest);
  diagnostics.push(...guardrails.diagnostics);
  for (const s of scopes) diagnostics.push(...checkDesired(guardrails.rules, s.desired, diagnostics).diagnostics);
  const view = { files: manifest.files, resources: scopes.reduce((n, s) => n + s.desired.resources.size, 0), diagnostics };
  out.write(args.flag('json') ? renderValidationJson(view) : renderValidationText(view, styleFor(args, out)));
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
