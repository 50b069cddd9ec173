import { describe, expect, it } from 'vitest';
import type { DetectedSpan } from '../recognizer.js';
import { resolveDataDir } from './data-dir.js';
import { GAZ, loadGazetteer } from './gazetteer.js';
import { loadNameModel } from './model.js';
import { biasByTagType, createNameRecognizer, signOffName } from './name-recognizer.js';
import { LEAD_WORDS } from './tagger.js';

const recognizer = createNameRecognizer();
const found = (text: string, type = 'PERSON'): string[] =>
  recognizer
    .analyze({ text })
    .filter((s) => s.type === type)
    .map((s) => text.slice(s.start, s.end));

describe('createNameRecognizer', () => {
  it.each<[string, string[]]>([
    // lower-cased names in social-media context
    ['thanks to maria lopez for the help yesterday', ['maria lopez']],
    ['lol i met with john smith at the mall', ['john smith']],
    ['cc @sarah and mike, see you tomorrow', ['sarah', 'mike']],
    // non-Western names known from the gazetteers
    ['Priya Raghunathan met with Oluwaseun Adeyemi in Lagos', ['Priya Raghunathan', 'Oluwaseun Adeyemi']],
    ['Dr. Nguyen Van Minh will see you now', ['Nguyen Van Minh']],
    ['Yesterday Akira Tanaka and Fatima Al-Hassan joined Microsoft in Seattle.', ['Akira Tanaka', 'Fatima Al-Hassan']],
    // Spanish clinical context cues
    ['Paciente: Dña. Carmen Ruiz Ortega, 67 años.', ['Carmen Ruiz Ortega']],
    ['Nombre: Pedro. Apellidos: De Miguel Rivera.', ['Pedro', 'De Miguel Rivera']],
    // common words are not names
    ['the meeting is at noon, see you tomorrow with the team', []],
    ['I love this song so much, best video ever', []],
    ['Can you send me the report by Friday? Thanks!', []],
    ['great job everyone, the new release looks good', []],
    // a greeting, thanks or request word before a name is not part of it; a given name that is also a word is
    ['Congrats to John Doe on the new role!', ['John Doe']],
    ['Email Maria Lopez the slides', ['Maria Lopez']],
    ['Will Smith was there.', ['Will Smith']],
    ['Ty Burrell was hilarious last night', ['Ty Burrell']],
    ['Ping Zhang will present the results.', ['Ping Zhang']],
    // a signature: a given name after a dash at the end of a post
    ['Interviewing at a startup next week, wish me luck! - Carlos', ['Carlos']],
    ['see you all at the offsite —Ana Ruiz', ['Ana Ruiz']],
    ['Great panel today with Jean-Pierre', ['Jean-Pierre']],
    ['great quarter everyone - Thanks', []],
    // acronyms and codes are not names
    ['My IBAN is GB82WEST12345698765432', []],
    ['Send it to my SSN please', []],
    ['', []],
  ])('%j -> %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('tags places and organizations', () => {
    const text = 'Yesterday Akira Tanaka and Fatima Al-Hassan joined Microsoft in Seattle.';
    expect(found(text, 'LOCATION')).toEqual(['Seattle']);
    expect(found(text, 'ORGANIZATION')).toEqual(['Microsoft']);
  });

  it('reports spans in the seam format, with scores in [0, 1] and an explanation on request', () => {
    const spans = recognizer.analyze({ text: 'thanks to maria lopez' }, { explain: true });
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span).toMatchObject({ start: 10, end: 21, type: 'PERSON', recognizer: 'name-tagger' });
    expect(span?.score).toBeGreaterThan(0.5);
    expect(span?.score).toBeLessThanOrEqual(1);
    expect(span?.explanation?.recognizer).toBe('name-tagger');
    expect(span?.explanation?.contextWords).toEqual(['thanks']);
    expect(span?.explanation?.note).toContain('given names');
    expect(recognizer.analyze({ text: 'thanks to maria lopez' })[0]?.explanation).toBeUndefined();
    expect(recognizer.types).toEqual(['PERSON', 'LOCATION', 'ORGANIZATION']);
  });

  it('reports only the requested types', () => {
    const persons = createNameRecognizer({ types: ['PERSON'] });
    const spans = persons.analyze({ text: 'Akira Tanaka joined Microsoft in Seattle.' });
    expect(spans.map((s) => s.type)).toEqual(['PERSON']);
  });

  it('is deterministic across calls and instances, whatever the cache holds', () => {
    const text = 'Sra. Wang Fang met Kim Min-jun and oluwaseun in Madrid; cc priya, tom and the Acme Corp team';
    const first = recognizer.analyze({ text });
    expect(recognizer.analyze({ text })).toEqual(first);
    const tiny = createNameRecognizer({ cacheSize: 2 });
    expect(tiny.analyze({ text })).toEqual(first);
    expect(tiny.analyze({ text })).toEqual(first);
  });

  it('appends to a candidate list exactly what analyze returns (analyzeInto), explained or not', () => {
    const text = 'Yesterday Akira Tanaka and Fatima Al-Hassan joined Microsoft in Seattle.';
    for (const options of [undefined, { explain: true }]) {
      const candidates: DetectedSpan[] = [{ start: 0, end: 9, type: 'DATE', score: 1, recognizer: 'other' }];
      recognizer.analyzeInto?.({ text }, candidates, options);
      expect(candidates.slice(1)).toEqual(recognizer.analyze({ text }, options));
      expect(candidates.length).toBeGreaterThan(3);
    }
    const none: DetectedSpan[] = [];
    recognizer.analyzeInto?.({ text: 'see you tomorrow' }, none);
    expect(none).toEqual([]);
  });

  it('decodes with the bias stored in the model unless one is given', () => {
    const model = loadNameModel();
    expect(biasByTagType(undefined, model)).toEqual([...model.entityBias]);
    expect(biasByTagType({ PERSON: 7 }, model)).toEqual([7, ...model.entityBias.slice(1)]);
    expect(biasByTagType(3, model)).toEqual([3, 3, 3]);
    // No phrase before a name ("dinner with sam" would be found by cue-names.ts, whatever the bias).
    const text = 'lol saw kaito and bree at the mall, then sam came over';
    const [person = 0, location = 0, organization = 0] = model.entityBias;
    const explicit = createNameRecognizer({
      entityBias: { PERSON: person, LOCATION: location, ORGANIZATION: organization },
    });
    expect(recognizer.analyze({ text })).toEqual(explicit.analyze({ text }));
    // A strongly negative bias suppresses every name: the option really reaches the decoder.
    expect(createNameRecognizer({ entityBias: -1000 }).analyze({ text })).toEqual([]);
  });

  it('finds the data directory from a compiled module path under dist/', () => {
    const fromDist = new URL('../../../dist/redact/names/name-recognizer.js', import.meta.url).href;
    expect(resolveDataDir(fromDist)).toBe(resolveDataDir());
  });
});

describe('signOffName', () => {
  const gazetteer = loadGazetteer();
  it.each<[string, string | undefined]>([
    ['wish me luck! - Carlos', 'Carlos'],
    ['wish me luck! -- Carlos  \n', 'Carlos'],
    ['thanks all ~Priya Raghunathan', 'Priya Raghunathan'],
    ['thanks all - Carlos!', undefined],
    ['panel with Jean-Pierre', undefined],
    ['see the e-Mail', undefined],
    ['great quarter - Amazon', undefined],
    ['Miss you all - Love', undefined],
    ['see you in the spring - May', undefined],
    ['MISS YOU ALL - LOVE', undefined],
    ['x---Carlos', undefined],
    ['\u{1D400}- Carlos', undefined],
    ['- Carlos', 'Carlos'],
    ['', undefined],
  ])('%j -> %j', (text, expected) => {
    const range = signOffName(text, gazetteer);
    expect(range === undefined ? undefined : text.slice(range.start, range.end)).toBe(expected);
  });
});

describe('LEAD_WORDS (trimmed from the start of a PERSON run)', () => {
  it('holds no word the gazetteer knows as a given or family name', () => {
    const gazetteer = loadGazetteer();
    const names = [...LEAD_WORDS].filter((word) => (gazetteer.flags(word) & (GAZ.FIRST | GAZ.LAST)) !== 0);
    expect(names).toEqual([]);
    // The check itself: a given name in the list would be found.
    expect(gazetteer.flags('ty') & GAZ.FIRST).not.toBe(0);
  });
});

describe('wordsOf', () => {
  it('gives the tokens of the text analyzed last, the same characters under the same id', () => {
    const words = createNameRecognizer();
    const text = 'Ana met ana, then Ana again.';
    expect(words.wordsOf(text)).toBeUndefined();
    words.analyze({ text });
    const tagged = words.wordsOf(text);
    if (tagged === undefined) throw new Error('no words');
    const tokens = Array.from({ length: tagged.count }, (_, i) =>
      text.slice(tagged.starts[i] ?? 0, tagged.ends[i] ?? 0),
    );
    expect(tokens).toEqual(['Ana', 'met', 'ana', ',', 'then', 'Ana', 'again', '.']);
    expect(tagged.ids[0]).toBe(tagged.ids[5]);
    expect(tagged.ids[0]).not.toBe(tagged.ids[2]);
    words.analyze({ text: 'something else' });
    expect(words.wordsOf(text)).toBeUndefined();
  });
});
