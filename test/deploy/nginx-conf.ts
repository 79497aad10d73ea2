/** deploy/nginx/'s configuration read as nginx reads it, enough for the compose tests' checks. */

export interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}

/** nginx's grammar, enough for a config without quotes: directives end in `;`, blocks in `{ … }`. */
export function parseNginx(text: string): Directive[] {
  const tokens = text.replace(/#[^\n]*/g, '').match(/[{};]|[^\s{};]+/g) ?? [];
  let at = 0;
  const block = (): Directive[] => {
    const directives: Directive[] = [];
    while (at < tokens.length && tokens[at] !== '}') {
      const words: string[] = [];
      while (at < tokens.length && !['{', ';', '}'].includes(tokens[at]!)) words.push(tokens[at++]!);
      const [name = '', ...args] = words;
      if (tokens[at] === '{') {
        at++;
        directives.push({ name, args, block: block() });
        if (tokens[at++] !== '}') throw new Error(`unclosed block ${name}`);
      } else if (tokens[at++] === ';') directives.push({ name, args });
      else throw new Error(`directive ${name} without ;`);
    }
    return directives;
  };
  const directives = block();
  if (at !== tokens.length) throw new Error('unbalanced }');
  return directives;
}

export const find = (directives: Directive[], name: string) => directives.filter((d) => d.name === name);
