// Printing results: JSON for machines (`--json`), aligned tables and short lines for people.

import { stdout } from 'node:process';

export function printJson(value: unknown): void {
  stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(line = ''): void {
  stdout.write(`${line}\n`);
}

/** Prints rows as an aligned table; numbers are right-aligned and grouped by thousands. */
export function printTable(headers: readonly string[], rows: readonly (readonly (string | number | null)[])[]): void {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? cell.toLocaleString('en-US') : (cell ?? '-'))),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const format = (row: readonly string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  printLine(format(headers));
  printLine(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) printLine(format(row));
}
