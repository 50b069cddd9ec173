import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createEmailRecognizer } from './recognizers/email.js';
import { detectStream, redactStream } from './stream.js';

async function run(
  fn: typeof detectStream,
  input: string | string[],
  options: Parameters<typeof detectStream>[2] = {},
): Promise<{ lines: string[]; counts: Awaited<ReturnType<typeof detectStream>> }> {
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => {
    written += chunk.toString('utf8');
  });
  const counts = await fn(Readable.from(Array.isArray(input) ? input : [input]), output, options);
  return { lines: written.split('\n').slice(0, -1), counts };
}

const SECRET_TEXT = 'deploy key AKIAIOSFODNN7EXAMPLE';
const BAD_LINES = [
  '{"id":1,"text":"mail ana@example.com"}',
  'not json at all, mail ana@example.com',
  '{"id":"x","text":5}',
  '[1,2]',
  '',
  '{"text":"no id"}',
  `{"id":7,"text":"${SECRET_TEXT}"}`,
  '{"id":8,"text":"lone \\ud800 surrogate, NUL \\u0000, ok"}',
  '{"id":9,"text":""}',
  '{"id":10,"text":"x","lang":3}',
];

describe('detectStream', () => {
  it('writes one line per input line, in order, with per-line errors that never echo the input', async () => {
    const { lines, counts } = await run(detectStream, `${BAD_LINES.join('\r\n')}\n`, { workers: 1 });
    expect(lines).toHaveLength(BAD_LINES.length);
    expect(JSON.parse(lines[0] as string)).toEqual({
      id: 1,
      spans: [{ start: 5, end: 20, type: 'EMAIL', score: expect.any(Number), recognizer: 'email' }],
    });
    expect(lines.slice(1, 6).map((l) => JSON.parse(l))).toEqual([
      { id: null, error: 'line 2: expected a JSON object, found text that is not valid JSON' },
      { id: 'x', error: 'line 3: text: expected a string, found a number' },
      { id: null, error: 'line 4: expected a JSON object, found an array' },
      { id: null, error: 'line 5: expected a JSON object, found an empty line' },
      { id: null, error: 'line 6: id: expected a string or a number, found nothing' },
    ]);
    expect(JSON.parse(lines[7] as string)).toEqual({ id: 8, spans: [] });
    expect(JSON.parse(lines[8] as string)).toEqual({ id: 9, spans: [] });
    expect(JSON.parse(lines[9] as string)).toEqual({
      id: 10,
      error: 'line 10: lang: expected a string, found a number',
    });
    expect(lines.join('\n')).not.toContain('ana@example.com');
    expect(counts).toMatchObject({ records: 10, errors: 6, workers: 0 });
  });

  it('reports a line longer than the limit as an error', async () => {
    const big = JSON.stringify({ id: 'big', text: 'a'.repeat(2000) });
    const { lines } = await run(detectStream, `${big}\n{"id":2,"text":"ok"}`, { maxLineLength: 1000, workers: 1 });
    expect(JSON.parse(lines[0] as string)).toEqual({
      id: null,
      error: `line 1: record is ${big.length} characters long, more than the limit of 1000`,
    });
    expect(JSON.parse(lines[1] as string)).toEqual({ id: 2, spans: [] });
  });

  it('does not keep an over-long line in memory: only its length is reported', async () => {
    const chunks = [
      '{"id":1,"text":"',
      ...Array.from({ length: 5 }, () => 'a'.repeat(600)),
      '"}\n{"id":2,"text":"ok"}',
    ];
    const { lines } = await run(detectStream, chunks, { maxLineLength: 1000, workers: 1 });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { id: null, error: 'line 1: record is 3018 characters long, more than the limit of 1000' },
      { id: 2, spans: [] },
    ]);
  });

  it('handles a multi-megabyte record split across many chunks', async () => {
    const text = `${'lorem ipsum dolor sit amet '.repeat(80_000)}ana@example.com`;
    const line = JSON.stringify({ id: 'large', text });
    const chunks: string[] = [];
    for (let i = 0; i < line.length; i += 65_536) chunks.push(line.slice(i, i + 65_536));
    const { lines } = await run(detectStream, chunks, { workers: 1 });
    const parsed = JSON.parse(lines[0] as string) as { spans: { start: number; type: string }[] };
    expect(parsed.spans.map((s) => [s.start, s.type])).toContainEqual([text.length - 15, 'EMAIL']);
  });
});

describe('a 10 MB record', () => {
  it('is read across chunks and processed like any other line', async () => {
    const text = `${'x'.repeat(10 * 1024 * 1024)} ana@example.com`;
    const line = JSON.stringify({ id: 'huge', text });
    const chunks: string[] = [];
    for (let i = 0; i < line.length; i += 1 << 20) chunks.push(line.slice(i, i + (1 << 20)));
    chunks.push('\n{"id":"next","text":"b@example.org"}\n');
    // One fast recognizer keeps the test quick; the point is the line handling.
    const { lines } = await run(redactStream, chunks, { recognizers: [createEmailRecognizer()] });
    expect(lines).toHaveLength(2);
    const huge = JSON.parse(lines[0] as string) as { text: string };
    expect(huge.text.endsWith(' [EMAIL]')).toBe(true);
    expect(huge.text.length).toBe(10 * 1024 * 1024 + 8);
    expect(JSON.parse(lines[1] as string)).toEqual({ id: 'next', text: '[EMAIL]' });
  });
});

describe('redactStream', () => {
  it('redacts, drops records per the config, and keeps order through the worker pool', async () => {
    const records = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify(
        i % 50 === 7 ? { id: i, text: SECRET_TEXT } : { id: i, text: `post ${i}: write to user${i}@example.com` },
      ),
    );
    const input = `${records.join('\n')}\n`;
    const inline = await run(redactStream, input, { workers: 1 });
    const pooled = await run(redactStream, input, {
      workers: 2,
      poolThresholdBytes: 0,
      batchLines: 16,
      inlineWhileStarting: false,
    });
    expect(pooled.counts.workers).toBe(2);
    expect(pooled.lines).toEqual(inline.lines);
    expect(pooled.lines).toHaveLength(300);
    expect(JSON.parse(pooled.lines[3] as string)).toEqual({ id: 3, text: 'post 3: write to [EMAIL]' });
    expect(JSON.parse(pooled.lines[7] as string)).toEqual({ id: 7, text: null, dropped: true });
    expect(pooled.counts).toMatchObject({ records: 300, errors: 0, dropped: 6 });
    expect(pooled.counts.entities.EMAIL).toBe(294);
    expect(pooled.counts.entities.SECRET).toBe(6);
  });

  it('matches known identities on every worker', async () => {
    const records = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ id: i, text: `gracias, zyxwa qorvent ${i}` }),
    );
    const { lines } = await run(redactStream, `${records.join('\n')}\n`, {
      workers: 2,
      poolThresholdBytes: 0,
      batchLines: 8,
      inlineWhileStarting: false,
      knownIdentities: [{ value: 'Zyxwa Qorvent' }],
    });
    expect(lines.map((l) => (JSON.parse(l) as { text: string }).text)).toEqual(
      records.map((_, i) => `gracias, [PERSON] ${i}`),
    );
  });

  it('keeps order when this thread processes batches while the workers start, then hands over to them', async () => {
    const records = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({ id: i, text: i % 3 === 0 ? `write to user${i}@example.com` : `plain post number ${i}` }),
    );
    const chunks = Array.from({ length: 200 }, (_, c) => `${records.slice(c * 100, c * 100 + 100).join('\n')}\n`);
    const inline = await run(redactStream, chunks, { workers: 1 });
    // The first 64 KB are processed here, then the pool starts; the rest of the first half is processed here too
    // while the workers start; the input then pauses long enough for them to be ready, and the second half goes to
    // them.
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => {
      written += chunk.toString('utf8');
    });
    const paused = Readable.from(
      (async function* () {
        yield* chunks.slice(0, 100);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        yield* chunks.slice(100);
      })(),
    );
    const counts = await redactStream(paused, output, { workers: 2, poolThresholdBytes: 65_536, batchLines: 64 });
    const mixed = { lines: written.split('\n').slice(0, -1), counts };
    expect(mixed.counts.workers).toBe(2);
    expect(mixed.lines).toEqual(inline.lines);
    expect(mixed.counts.entities.EMAIL).toBe(6667);
  });

  it('applies a custom redaction config', async () => {
    const { lines } = await run(redactStream, '{"id":"a","text":"mail ana@example.com"}', {
      workers: 1,
      redaction: { default: { operator: 'mask', params: { keep: 3 } } },
    });
    expect(JSON.parse(lines[0] as string)).toEqual({ id: 'a', text: 'mail ************com' });
  });
});
