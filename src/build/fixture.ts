// Deterministic synthetic members and content for build tests and the benchmark: a few countries (one excluded by
// the test policy), minors, deleted accounts, opt-outs, and canary values planted in chosen members' content.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export interface FixtureOptions {
  readonly members: number;
  readonly itemsPerMember: number;
  /** Characters of filler text per item (typical post: ~300). */
  readonly textLength?: number;
  readonly seed?: number;
}

export interface FixtureMember {
  member_id: string;
  country: string | null;
  birth_date: string;
  account_state: 'active' | 'deactivated' | 'deleted';
  names: string[];
  language: string;
  created_at: string;
}

export interface FixtureContent {
  content_id: string;
  author_id: string;
  kind: string;
  visibility: string;
  text: string;
  created_at: string;
  language: string;
  deleted?: boolean;
}

const FIRST = ['Ana', 'Bruno', 'Chloe', 'Dmitri', 'Elif', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jun'];
const LAST = ['Souza', 'Keller', 'Moreau', 'Ivanov', 'Yilmaz', 'Haddad', 'Novak', 'Sato', 'Petrov', 'Lindqvist'];
const WORDS =
  'team project launch growth learning product customers data design hiring market strategy update proud thanks week quarter results'.split(
    ' ',
  );
/** Countries by member index: DE is excluded by the test policy, XX is not a country (fails closed). */
const COUNTRIES = ['US', 'BR', 'IN', 'DE', 'US-CA', 'JP', 'CA', 'XX'];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** The member with index i (0-based). Every 11th is a minor, every 13th deleted. */
export function fixtureMember(i: number): FixtureMember {
  const minor = i % 11 === 5;
  return {
    member_id: `m${String(i).padStart(8, '0')}`,
    country: COUNTRIES[i % COUNTRIES.length] ?? null,
    birth_date: minor ? '2012-04-01' : `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
    account_state: i % 13 === 7 ? 'deleted' : 'active',
    names: [`${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]}${i >= 100 ? ` ${i}` : ''}`.trim()],
    language: 'en',
    created_at: '2020-01-01T00:00:00.000Z',
  };
}

/** Content j of member i; the text mentions a colleague (another member's name) and contact details. */
export function fixtureContent(i: number, j: number, random: () => number, textLength: number): FixtureContent {
  const colleague = fixtureMember((i + 1) % 1000);
  const words: string[] = [];
  let length = 0;
  while (length < textLength) {
    const w = WORDS[Math.floor(random() * WORDS.length)] ?? 'team';
    words.push(w);
    length += w.length + 1;
  }
  const extra = j % 3 === 0 ? ` Great work with ${colleague.names[0]} this week.` : '';
  const contact =
    j % 4 === 1 ? ` Reach me at user${i}.${j}@example.com or +1 415 555 ${String(1000 + (j % 9000))}.` : '';
  return {
    content_id: `c${String(i).padStart(8, '0')}-${String(j).padStart(3, '0')}`,
    author_id: `m${String(i).padStart(8, '0')}`,
    kind: j % 17 === 3 ? 'private_message' : 'post',
    visibility: 'public',
    text: j % 23 === 9 ? 'Congratulations on the new role!' : `${words.join(' ')}.${extra}${contact}`,
    created_at: `2024-${String(1 + (j % 12)).padStart(2, '0')}-15T10:00:00.000Z`,
    language: 'en',
    ...(j % 29 === 4 ? { deleted: true } : {}),
  };
}

/** Writes members.jsonl and content.jsonl; returns their paths. Streams, so millions of items are fine. */
export async function writeFixtureFiles(
  dir: string,
  options: FixtureOptions,
): Promise<{ members: string; content: string; items: number; bytes: number }> {
  const random = rng(options.seed ?? 42);
  const write = async (path: string, lines: () => Iterable<string>) => {
    const out = createWriteStream(path);
    let bytes = 0;
    let chunk = '';
    for (const line of lines()) {
      chunk += `${line}\n`;
      if (chunk.length > 1 << 20) {
        bytes += Buffer.byteLength(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    bytes += Buffer.byteLength(chunk);
    out.end(chunk);
    await once(out, 'finish');
    return bytes;
  };
  const members = `${dir}/members.jsonl`;
  const content = `${dir}/content.jsonl`;
  await write(members, function* () {
    for (let i = 0; i < options.members; i++) yield JSON.stringify(fixtureMember(i));
  });
  const bytes = await write(content, function* () {
    for (let i = 0; i < options.members; i++) {
      for (let j = 0; j < options.itemsPerMember; j++) {
        yield JSON.stringify(fixtureContent(i, j, random, options.textLength ?? 300));
      }
    }
  });
  return { members, content, items: options.members * options.itemsPerMember, bytes };
}
