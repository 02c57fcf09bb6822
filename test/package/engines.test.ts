import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// package.json's `engines` is a promise to whoever installs Gauntlet: every Node it admits must be one that each
// locked package (dependencies and the tools the tests run on) admits too, or `npm ci` warns and the package may
// break there. A package that narrows its range in a new release shows up here, not on a user's machine.
const root = join(import.meta.dirname, '..', '..');
const ours = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string }; overrides?: Record<string, string> };

// the lockfile is the set `npm ci` installs, each entry with the engines its package declares (platform binaries
// this machine skips included)
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } }> };
const packages = Object.entries(lock.packages)
  .filter(([path]) => path !== '')
  .map(([path, p]) => ({ name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), version: p.version, node: p.engines?.node }));

describe('engines', () => {
  it('admits the Node that runs the tests', () => {
    expect(semver.satisfies(process.version, ours.engines.node)).toBe(true);
  });

  it('admits no Node that a locked package refuses', () => {
    expect(packages.length).toBeGreaterThan(100);
    const narrower = packages
      .filter((p) => p.node && semver.validRange(p.node) && !semver.subset(ours.engines.node, p.node))
      .map((p) => `${p.name}@${p.version} wants node ${p.node}`);
    expect(narrower).toEqual([]);
  });

  it('pins an override only where the newest release narrows its engines, and says which', () => {
    // @mapbox/jsonlint-lines-primitives 2.0.3 (a regenerated parser, used only by the style spec's CommonJS
    // validator, which Gauntlet never loads) declares node >= 22; 2.0.2 is the same parser for node >= 0.6
    expect(ours.overrides).toEqual({ '@mapbox/jsonlint-lines-primitives': '2.0.2' });
    const pinned = packages.find((p) => p.name === '@mapbox/jsonlint-lines-primitives');
    expect(pinned?.version).toBe('2.0.2');
  });
});
