#!/usr/bin/env node
import { problemLines } from '../problems/problem.js';
import { UsageError } from './args.js';
import { buildCommand, buildUsage } from './build.js';
import { exposureCommand, exposureUsage } from './exposure.js';
import { networkCommand, networkUsage } from './network.js';
import { renderCommand, renderUsage } from './render.js';
import { routeCommand, routeUsage } from './route.js';
import { serveCommand, serveUsage } from './serve.js';
import { validateCommand, validateUsage } from './validate.js';

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  serve: serveCommand,
  validate: validateCommand,
  exposure: exposureCommand,
  build: buildCommand,
  render: renderCommand,
  network: networkCommand,
  route: routeCommand,
};

const USAGE = ['usage:', `  ${serveUsage}`, `  ${validateUsage}`, `  ${exposureUsage}`, `  ${renderUsage}`, `  ${buildUsage}`, `  ${networkUsage}`, `  ${routeUsage}`].join('\n');

async function main(argv: string[]): Promise<number> {
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
    return await run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      for (const line of problemLines(`gauntlet ${command}`, { detail: err.message, errors: err.errors })) console.error(line);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
