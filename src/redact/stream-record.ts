// JSONL records for `assent detect` / `assent redact`: parsing one input line into a record or a per-line error
// (never echoing the line's content), and formatting output lines.

import type { AnalysisInput, DetectedSpan } from './recognizer.js';

export interface StreamRecord extends AnalysisInput {
  readonly id: string | number;
}

export type ParsedLine =
  | { readonly ok: true; readonly record: StreamRecord }
  | { readonly ok: false; readonly id: string | number | null; readonly error: string };

/** Longest accepted line, in UTF-16 code units (default 32 Mi). */
export const DEFAULT_MAX_LINE_LENGTH = 32 * 1024 * 1024;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

// A line longer than the limit is not kept: the reader passes this marker with its length instead. It starts with a
// NUL, which no JSON text does.
const OVERSIZE = '\u0000assent-oversize:';

/** The stand-in for a line of `length` characters that was too long to keep. */
export function oversizeMarker(length: number): string {
  return `${OVERSIZE}${length}`;
}

// A module function, not a closure made on every call: most lines never fail.
function failure(lineNumber: number, error: string, id: string | number | null = null): ParsedLine {
  return { ok: false, id, error: `line ${lineNumber}: ${error}` };
}

/** Parses input line `lineNumber` (1-based). Errors read `line 12: text: expected a string, found a number`. */
export function parseRecordLine(line: string, lineNumber: number, maxLength = DEFAULT_MAX_LINE_LENGTH): ParsedLine {
  if (line.startsWith(OVERSIZE)) {
    return failure(
      lineNumber,
      `record is ${line.slice(OVERSIZE.length)} characters long, more than the limit of ${maxLength}`,
    );
  }
  if (line.length > maxLength) {
    return failure(lineNumber, `record is ${line.length} characters long, more than the limit of ${maxLength}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    // Blank lines are not JSON either; telling them apart only on failure keeps a trim() off every good line.
    if (line.trim() === '') return failure(lineNumber, 'expected a JSON object, found an empty line');
    // The parser's message quotes the input; say only what is wrong.
    return failure(lineNumber, 'expected a JSON object, found text that is not valid JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return failure(lineNumber, `expected a JSON object, found ${describe(raw)}`);
  const object = raw as Record<string, unknown>;
  const id = object.id;
  const validId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (!validId)
    return failure(
      lineNumber,
      `id: expected a string or a number, found ${id === undefined ? 'nothing' : describe(id)}`,
    );
  if (typeof object.text !== 'string') {
    return failure(
      lineNumber,
      `text: expected a string, found ${object.text === undefined ? 'nothing' : describe(object.text)}`,
      id,
    );
  }
  const lang = object.lang;
  if (lang !== undefined && lang !== null && typeof lang !== 'string') {
    return failure(lineNumber, `lang: expected a string, found ${describe(lang)}`, id);
  }
  const country = object.country;
  if (country !== undefined && country !== null && typeof country !== 'string') {
    return failure(lineNumber, `country: expected a string, found ${describe(country)}`, id);
  }
  // Built without spreading temporary objects (one per line adds up); keys in the order id, text, lang, country.
  const record: { id: string | number; text: string; lang?: string; country?: string } = { id, text: object.text };
  if (lang) record.lang = lang;
  if (country) record.country = country;
  return { ok: true, record };
}

const round = (score: number) => Math.round(score * 1000) / 1000;

// Output lines are built as strings around JSON.stringify of each value: the same bytes as stringifying a temporary
// object per line and per span, without making those objects (measured: about 3.5% of a redact run's CPU went to
// formatRedactLine). Numbers go through JSON.stringify as well, so a non-finite score still prints as null.

/** `{"id","spans":[{"start","end","type","score","recognizer"}]}` */
export function formatDetectLine(id: string | number, spans: readonly DetectedSpan[]): string {
  let line = `{"id":${JSON.stringify(id)},"spans":[`;
  for (let i = 0; i < spans.length; i++) line += `${i > 0 ? ',' : ''}${spanJson(spans[i] as DetectedSpan)}`;
  return `${line}]}`;
}

function spanJson(s: DetectedSpan): string {
  // A custom recognizer written in JavaScript may break the types; the object form then says what it always said.
  if (typeof s.start !== 'number' || typeof s.end !== 'number' || typeof s.type !== 'string') return spanObjectJson(s);
  if (typeof s.recognizer !== 'string' || typeof s.score !== 'number') return spanObjectJson(s);
  return `{"start":${JSON.stringify(s.start)},"end":${JSON.stringify(s.end)},"type":${JSON.stringify(s.type)},"score":${JSON.stringify(round(s.score))},"recognizer":${JSON.stringify(s.recognizer)}}`;
}

function spanObjectJson(s: DetectedSpan): string {
  return JSON.stringify({ start: s.start, end: s.end, type: s.type, score: round(s.score), recognizer: s.recognizer });
}

/** `{"id","text"}`, or `{"id","text":null,"dropped":true}` for a dropped record. */
export function formatRedactLine(id: string | number, text: string | null): string {
  return text === null
    ? `{"id":${JSON.stringify(id)},"text":null,"dropped":true}`
    : `{"id":${JSON.stringify(id)},"text":${JSON.stringify(text)}}`;
}

/** `{"id": <id or null>, "error": "line N: ..."}` */
export function formatErrorLine(id: string | number | null, error: string): string {
  return `{"id":${JSON.stringify(id)},"error":${JSON.stringify(error)}}`;
}
