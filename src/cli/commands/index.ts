// The command registry: one line per command. A new command is one file in this folder plus one line here.

import type { Command } from 'commander';
import { registerAuditCommand } from './audit.js';
import { registerConsentCommand } from './consent.js';
import { registerDemoCommand } from './demo.js';
import { registerDetectCommands } from './detect.js';
import { registerExplainCommand } from './explain.js';
import { registerImportCommand } from './import.js';
import { registerPolicyCommand } from './policy.js';

export const COMMANDS: readonly ((program: Command) => void)[] = Object.freeze([
  registerDemoCommand,
  registerImportCommand,
  registerConsentCommand,
  registerPolicyCommand,
  registerExplainCommand,
  registerAuditCommand,
  registerDetectCommands,
]);
