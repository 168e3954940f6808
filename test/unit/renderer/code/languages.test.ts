import { LanguageSupport, type Language } from '@codemirror/language';
import { classHighlighter, highlightTree, tagHighlighter, tags } from '@lezer/highlight';
import { describe, expect, it } from 'vitest';
import {
  languageExtension,
  languageOf,
  type LanguageName,
} from '../../../../renderer/code/languages';
import { welcomeProject } from './fixtures';

/** classHighlighter's classes, plus the tags it leaves out that the viewer colours. */
const highlighters = [
  classHighlighter,
  tagHighlighter([
    { tag: tags.monospace, class: 'tok-monospace' },
    { tag: tags.list, class: 'tok-list' },
  ]),
];

/** Each highlighted piece of `text` with its class, e.g. `tok-keyword:FROM`. */
function tokens(language: LanguageName, text: string): string[] {
  const ext = languageExtension(language);
  const lang = ext instanceof LanguageSupport ? ext.language : (ext as Language);
  const tree = lang.parser.parse(text);
  const out: string[] = [];
  highlightTree(tree, highlighters, (from, to, classes) => {
    out.push(`${classes}:${text.slice(from, to)}`);
  });
  return out;
}

describe('code viewer highlighting', () => {
  it('picks a highlighter from the file name', () => {
    expect(languageOf('src/workers/a.ts')).toBe('typescript');
    expect(languageOf('package.json')).toBe('json');
    expect(languageOf('.pipewright.json')).toBe('json');
    expect(languageOf('docker-compose.yml')).toBe('yaml');
    expect(languageOf('README.md')).toBe('markdown');
    expect(languageOf('Dockerfile')).toBe('dockerfile');
    expect(languageOf('.env.example')).toBe('env');
    expect(languageOf('.gitignore')).toBe('env');
  });

  it('highlights TypeScript', () => {
    const found = tokens('typescript', "import { Worker } from 'bullmq';\nconst n: number = 1;\n");
    expect(found).toContain('tok-keyword:import');
    expect(found).toContain("tok-string:'bullmq'");
    expect(found).toContain('tok-typeName:number');
  });

  it('tells JSON keys from string values', () => {
    const found = tokens('json', '{\n  "name": "welcome",\n  "private": true,\n  "n": 2\n}\n');
    expect(found).toContain('tok-propertyName:"name"');
    expect(found).toContain('tok-string:"welcome"');
    expect(found).toContain('tok-atom:true');
    expect(found).toContain('tok-number:2');
  });

  it('highlights YAML keys, comments and values', () => {
    const found = tokens(
      'yaml',
      '# Redis\nservices:\n  redis:\n    image: redis:7-alpine\n    replicas: 2\n',
    );
    expect(found).toContain('tok-comment:# Redis');
    expect(found).toContain('tok-propertyName:services');
    expect(found).toContain('tok-propertyName:image');
    expect(found).toContain('tok-string:redis:7-alpine');
    expect(found).toContain('tok-number:2');
  });

  it('highlights Dockerfile instructions, Markdown headings and .env keys', () => {
    expect(tokens('dockerfile', 'FROM node:20-slim AS build\n# deps\nRUN npm ci\n')).toEqual(
      expect.arrayContaining(['tok-keyword:FROM', 'tok-comment:# deps', 'tok-keyword:RUN']),
    );
    expect(tokens('markdown', '# Welcome\n\n- Run `npm start`.\n')).toEqual(
      expect.arrayContaining(['tok-heading:# Welcome', 'tok-list:- ', 'tok-monospace:`npm start`']),
    );
    expect(tokens('env', '# Redis\nREDIS_URL=redis://127.0.0.1:6379\n')).toEqual(
      expect.arrayContaining(['tok-comment:# Redis', 'tok-propertyName:REDIS_URL']),
    );
  });

  it('gets through every file of a real project', async () => {
    for (const file of await welcomeProject()) {
      expect(tokens(languageOf(file.path), file.contents).length).toBeGreaterThan(0);
    }
  });
});
