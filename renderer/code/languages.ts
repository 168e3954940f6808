import { javascript } from '@codemirror/lang-javascript';
import type { Extension } from '@codemirror/state';
import {
  dockerfileLanguage,
  envLanguage,
  jsonLanguage,
  markdownLanguage,
  yamlLanguage,
} from './stream-languages';

export type LanguageName = 'typescript' | 'json' | 'yaml' | 'markdown' | 'dockerfile' | 'env';

/** Which highlighter a generated file gets, from its name. */
export function languageOf(path: string): LanguageName {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) return 'typescript';
  if (name.endsWith('.json')) return 'json';
  if (/\.ya?ml$/.test(name)) return 'yaml';
  if (name.endsWith('.md')) return 'markdown';
  if (name === 'dockerfile' || name.endsWith('.dockerfile')) return 'dockerfile';
  return 'env';
}

const typescript = javascript({ typescript: true });

export function languageExtension(language: LanguageName): Extension {
  switch (language) {
    case 'typescript':
      return typescript;
    case 'json':
      return jsonLanguage;
    case 'yaml':
      return yamlLanguage;
    case 'markdown':
      return markdownLanguage;
    case 'dockerfile':
      return dockerfileLanguage;
    case 'env':
      return envLanguage;
  }
}
