import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The checkout of this repository: the package the recipes install, scripts included. */
export const REPO = join(import.meta.dirname, '..', '..');
/** The CLI as the recipes' `npx logwarden` runs it, from source (dist/ may be older than src/). */
export const CLI = ['node', join(REPO, 'src', 'cli', 'bin.ts')];
const TSX = join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/** What one process did. */
export interface Run {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs a command to completion (asynchronously: an engine served by this process must keep
 * answering while it runs).
 */
export function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, out, err }));
  });
}

/** A CI job's machine: its own checkout of the shared remote, and nothing else in common. */
export interface Checkout {
  dir: string;
  /** Runs git here; rejects when it fails. */
  git(...args: string[]): Promise<string>;
  write(file: string, text: string): void;
}

/**
 * A temporary world for the recipes: a bare repository standing in for GitHub (`remote.git`),
 * checkouts of it, and an environment with no Git or AWS configuration of the machine's: HOME is
 * the sandbox, system and global Git config are off, so a commit needs an identity given here.
 */
export interface Sandbox {
  root: string;
  env: NodeJS.ProcessEnv;
  remote: string;
  /** Commits FILES (path → text; null deletes) to main as the repository's author, and pushes. */
  commitToMain(message: string, files: Record<string, string | null>): Promise<string>;
  /** A job's checkout of main's tip, or of commit REF. */
  clone(name: string, ref?: string): Promise<Checkout>;
  /** Files of the state branch on the remote: path → text. */
  stateBranch(): Promise<Map<string, string>>;
  /** Runs git on the remote repository itself (what GitHub would show). */
  remoteGit(...args: string[]): Promise<string>;
  remove(): void;
}

const AUTHOR = ['-c', 'user.name=Repo Author', '-c', 'user.email=author@example.invalid'];

export async function sandbox(): Promise<Sandbox> {
  const root = mkdtempSync(join(tmpdir(), 'logwarden-ci-'));
  const inherited = Object.entries(process.env).filter(([k]) => !/^(GIT_|AWS_|GITHUB_|RUNNER_|NODE_OPTIONS$)/.test(k));
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    HOME: root,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    NODE_OPTIONS: `--import=${TSX}`,
    LOGWARDEN_BIN: CLI[1],
    LOGWARDEN_SAVE_BACKOFF: '0',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    NO_COLOR: '1',
  };
  const git = async (cwd: string, ...args: string[]) => {
    const r = await run(['git', ...args], cwd, env);
    if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}:\n${r.err}`);
    return r.out.trim();
  };
  const remote = join(root, 'remote.git');
  await git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  const author = join(root, 'author');
  await git(root, 'clone', '--quiet', remote, author);
  await git(author, 'switch', '--quiet', '--orphan', 'main');
  const clones = new Set<string>();
  return {
    root,
    env,
    remote,
    async commitToMain(message, files) {
      for (const [file, text] of Object.entries(files)) {
        if (text === null) rmSync(join(author, file));
        else writeAt(author, file, text);
      }
      await git(author, 'add', '--all');
      await git(author, ...AUTHOR, 'commit', '--quiet', '-m', message);
      await git(author, 'push', '--quiet', 'origin', 'main');
      return git(author, 'rev-parse', 'HEAD');
    },
    async clone(name, ref) {
      if (clones.has(name)) throw new Error(`a checkout named ${name} exists already`);
      clones.add(name);
      const dir = join(root, name);
      // as actions/checkout does it: one commit, no history (a shallow repository)
      await git(root, 'init', '--quiet', dir);
      await git(dir, 'remote', 'add', 'origin', `file://${remote}`);
      await git(dir, 'fetch', '--quiet', '--depth=1', 'origin', ref ?? 'main');
      await git(dir, 'checkout', '--quiet', '--detach', 'FETCH_HEAD');
      return { dir, git: (...args) => git(dir, ...args), write: (file, text) => writeAt(dir, file, text) };
    },
    async stateBranch() {
      const tip = await git(remote, 'rev-parse', 'refs/heads/logwarden-state');
      const paths = (await git(remote, 'ls-tree', '-r', '--name-only', tip)).split('\n');
      const files = new Map<string, string>();
      for (const path of paths) files.set(path, await git(remote, 'show', `${tip}:${path}`));
      return files;
    },
    remoteGit: (...args) => git(remote, ...args),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

function writeAt(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}
