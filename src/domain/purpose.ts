// Purposes are fideslang data uses. Assent governs `train_ai_system` and extends it with two children.

export interface Purpose {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly parent: string | null;
}

export const PURPOSES: readonly Purpose[] = Object.freeze([
  {
    key: 'train_ai_system',
    name: 'Train AI system',
    description: 'Trains an AI system or data model for machine learning.',
    parent: null,
  },
  {
    key: 'train_ai_system.generative',
    name: 'Train generative AI',
    description: 'Trains models that create content (text, images, code) from member data and content.',
    parent: 'train_ai_system',
  },
  {
    key: 'train_ai_system.non_generative',
    name: 'Train non-generative AI',
    description: 'Trains models for personalization, ranking, security and anti-abuse that do not create content.',
    parent: 'train_ai_system',
  },
]);

export type PurposeKey = string;

const BY_KEY = new Map(PURPOSES.map((p) => [p.key, p]));

export function isPurpose(key: unknown): key is PurposeKey {
  return typeof key === 'string' && BY_KEY.has(key);
}

export function getPurpose(key: string): Purpose | undefined {
  return BY_KEY.get(key);
}

/** The purpose and its ancestors, most specific first: a choice about a parent also governs its children. */
export function purposeLineage(key: string): readonly string[] {
  const out: string[] = [];
  let current = BY_KEY.get(key);
  while (current) {
    out.push(current.key);
    current = current.parent ? BY_KEY.get(current.parent) : undefined;
  }
  return out;
}
