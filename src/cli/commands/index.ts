// The command registry: one line per command. A new command is one file in this folder plus one line here.

import type { Command } from 'commander';
import { registerAuditCommand } from './audit.js';
import { registerBuildCommand } from './build.js';
import { registerConsentCommand } from './consent.js';
import { registerDemoCommand } from './demo.js';
import { registerDetectCommands } from './detect.js';
import { registerExplainCommand } from './explain.js';
import { registerImportCommand } from './import.js';
import { registerLineageCommand } from './lineage.js';
import { registerModelCommand } from './model.js';
import { registerPolicyCommand } from './policy.js';
import { registerScanCommand } from './scan.js';
import { registerServeCommand } from './serve.js';
import { registerTokenCommand } from './token.js';
import { registerWorkerCommand } from './worker.js';

export const COMMANDS: readonly ((program: Command) => void)[] = Object.freeze([
  registerDemoCommand,
  registerImportCommand,
  registerConsentCommand,
  registerPolicyCommand,
  registerExplainCommand,
  registerDetectCommands,
  registerBuildCommand,
  registerScanCommand,
  registerModelCommand,
  registerLineageCommand,
  registerAuditCommand,
  registerServeCommand,
  registerWorkerCommand,
  registerTokenCommand,
]);
