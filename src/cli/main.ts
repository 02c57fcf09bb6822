#!/usr/bin/env node
import { problemLines } from '../problems/problem.js';
import { pathToFileURL } from 'node:url';
import { UsageError, type CliInput } from './args.js';
import { buildCommand, buildUsage } from './build.js';
import { exposureCommand, exposureUsage } from './exposure.js';
import { networkCommand, networkUsage } from './network.js';
import { renderCommand, renderUsage } from './render.js';
import { routeCommand, routeUsage } from './route.js';
import { serveCommand, serveUsage } from './serve.js';
import { validateCommand, validateUsage } from './validate.js';

const COMMANDS: Record<string, (argv: string[], io: CliInput) => Promise<number>> = {
  serve: serveCommand,
  validate: validateCommand,
  exposure: exposureCommand,
  build: buildCommand,
  render: renderCommand,
  network: networkCommand,
  route: routeCommand,
};

const USAGE = ['usage:', `  ${serveUsage}`, `  ${validateUsage}`, `  ${exposureUsage}`, `  ${renderUsage}`, `  ${buildUsage}`, `  ${networkUsage}`, `  ${routeUsage}`].join('\n');

/**
 * Runs one command and returns its exit code (bin/gauntlet.js sets process.exitCode from it). Output goes to
 * process.stdout/stderr; the tests call it in-process with those captured.
 */
export async function main(argv: string[], io: CliInput = { stdin: process.stdin }): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`gauntlet: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      for (const line of problemLines(`gauntlet ${command}`, { detail: err.message, errors: err.errors })) console.error(line);
      return 2;
    }
    throw err;
  }
}

// Run as a script (tsx src/cli/main.ts …): the same as bin/gauntlet.js.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
