/**
 * Prettier, for the generated files whose layout the emitters cannot promise: a code line wider
 * than the print width (a long name, a large example payload) or an unusual payload type. The
 * emitters write everything else exactly as Prettier would, which the golden and property tests
 * check, so most projects never load Prettier and generate in milliseconds.
 */

/** The repository's Prettier options, which the generated project follows. */
export const PRETTIER_OPTIONS = {
  singleQuote: true,
  trailingComma: 'all',
  printWidth: 100,
} as const;

export type PrettierParser = 'typescript' | 'markdown' | 'yaml' | 'json' | 'json-stringify';

/**
 * Formats one file with Prettier's standalone build (pure JavaScript, loaded on first use).
 * `filepath` tells Prettier what kind of file it is (a .ts file is not TSX, for one).
 */
export async function formatWithPrettier(
  text: string,
  parser: PrettierParser,
  filepath: string,
): Promise<string> {
  const [prettier, typescript, estree, markdown, yaml, babel] = await Promise.all([
    import('prettier/standalone'),
    import('prettier/plugins/typescript'),
    import('prettier/plugins/estree'),
    import('prettier/plugins/markdown'),
    import('prettier/plugins/yaml'),
    import('prettier/plugins/babel'),
  ]);
  return prettier.format(text, {
    ...PRETTIER_OPTIONS,
    parser,
    filepath,
    plugins: [typescript, estree, markdown, yaml, babel],
  });
}
