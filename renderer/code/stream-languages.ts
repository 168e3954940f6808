import { StreamLanguage, type StringStream } from '@codemirror/language';

/**
 * Small line-based highlighters for the project's non-TypeScript files. They tag what a reader
 * looks for — comments, keys, strings, numbers, keywords — and nothing more; the files are
 * generated, so they never need to cope with unusual syntax.
 */

function quoted(stream: StringStream): boolean {
  const quote = stream.peek();
  if (quote !== '"' && quote !== "'") return false;
  stream.next();
  let escaped = false;
  for (let ch = stream.next(); ch !== undefined; ch = stream.next()) {
    if (ch === quote && !escaped) return true;
    escaped = !escaped && ch === '\\' && quote === '"';
  }
  return true;
}

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?\b/;

/** JSON: property keys apart from string values. */
export const jsonLanguage = StreamLanguage.define<null>({
  name: 'json',
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.peek() === '"') {
      quoted(stream);
      return /^\s*:/.test(stream.string.slice(stream.pos)) ? 'propertyName' : 'string';
    }
    if (stream.match(NUMBER)) return 'number';
    if (stream.match(/^(true|false|null)\b/)) return 'atom';
    stream.next();
    return 'punctuation';
  },
});

/** YAML (docker-compose.yml): keys, comments, list dashes, scalars. */
export const yamlLanguage = StreamLanguage.define<null>({
  name: 'yaml',
  token(stream) {
    if (stream.eatSpace()) return null;
    if (
      stream.peek() === '#' &&
      (stream.pos === 0 || /\s/.test(stream.string[stream.pos - 1] ?? ' '))
    ) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^-(?=\s|$)/)) return 'punctuation';
    if (stream.match(/^[^\s#'"][^:#]*?:(?=\s|$)/, false)) {
      stream.match(/^[^\s#'"][^:#]*?(?=:)/);
      return 'propertyName';
    }
    if (stream.eat(':')) return 'punctuation';
    if (quoted(stream)) return 'string';
    if (stream.match(/^-?\d+(\.\d+)?(?=\s|$)/)) return 'number';
    if (stream.match(/^(true|false|yes|no|null)(?=\s|$)/)) return 'atom';
    if (!stream.match(/^[^\s#]+/)) stream.next();
    return 'string';
  },
});

const DOCKER_INSTRUCTIONS =
  /^(FROM|RUN|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)\b/i;

/** Dockerfile: instructions, comments, strings, variables. */
export const dockerfileLanguage = StreamLanguage.define<null>({
  name: 'dockerfile',
  token(stream) {
    if (stream.sol() && stream.match(/^\s*#.*/)) return 'comment';
    if (stream.eatSpace()) return null;
    if (stream.sol() || /^\s*$/.test(stream.string.slice(0, stream.pos))) {
      if (stream.match(DOCKER_INSTRUCTIONS)) return 'keyword';
    }
    if (quoted(stream)) return 'string';
    if (stream.match(/^\$\{?\w+\}?/)) return 'variableName';
    if (stream.match(/^--[\w-]+(=\S*)?/)) return 'attributeName';
    if (!stream.match(/^[^\s"'$]+/)) stream.next();
    return null;
  },
});

interface MarkdownState {
  fenced: boolean;
}

/** Markdown (README.md): headings, code, emphasis, links, list bullets. */
export const markdownLanguage = StreamLanguage.define<MarkdownState>({
  name: 'markdown',
  startState: () => ({ fenced: false }),
  copyState: (state) => ({ ...state }),
  token(stream, state) {
    if (stream.sol() && stream.match(/^\s*(```|~~~)/)) {
      state.fenced = !state.fenced;
      stream.skipToEnd();
      return 'meta';
    }
    if (state.fenced) {
      stream.skipToEnd();
      return 'monospace';
    }
    if (stream.sol() && stream.match(/^#{1,6}\s.*/)) return 'heading';
    if (stream.sol() && stream.match(/^\s*([-*+]|\d+\.)\s/)) return 'list';
    if (stream.match(/^`[^`]*`/)) return 'monospace';
    if (stream.match(/^\*\*[^*]+\*\*/) || stream.match(/^__[^_]+__/)) return 'strong';
    if (stream.match(/^\[[^\]]*\]\([^)]*\)/)) return 'link';
    if (!stream.match(/^[^`*_[\n]+/)) stream.next();
    return null;
  },
});

/** `KEY=value` files (.env.example) and plain lists with comments (.gitignore). */
export const envLanguage = StreamLanguage.define<null>({
  name: 'env',
  token(stream) {
    if (stream.sol() && stream.match(/^\s*#.*/)) return 'comment';
    if (stream.sol() && stream.match(/^[A-Za-z_][\w.]*(?==)/)) return 'propertyName';
    if (stream.eat('=')) return 'operator';
    stream.skipToEnd();
    return 'string';
  },
});
