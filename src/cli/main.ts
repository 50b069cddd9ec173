#!/usr/bin/env node
// Entry point of the `assent` command.

import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2));
// Let pending output drain; a long-running command (serve) never reaches here until it stops.
process.exitCode = code;
