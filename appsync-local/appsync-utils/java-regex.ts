/**
 * Java `java.util.regex.Pattern` semantics on a JavaScript engine, for what AppSync says follows Java:
 * `util.matches(pattern, value)` (Pattern.matches: the whole value must match) and the string
 * `replace` / `replaceAll` (String.replaceFirst / replaceAll: the pattern is a Java regex, the
 * replacement uses Java's `$1`, `${name}` and `\` escapes).
 *
 * The pattern is translated to an equivalent JavaScript pattern (`v` flag) construct by construct, so
 * that it means what Java means rather than what the same text means to JavaScript: Java's `.` and
 * `$` know more line terminators, `\s` `\h` `\v` `\R` are Java's sets, POSIX classes (`\p{Alpha}`) are
 * ASCII, `(?i)` is ASCII-only case folding unless `(?u)`, embedded flags may be scoped (`(?i:X)`) or
 * start mid-pattern, possessive quantifiers and atomic groups (`(?>X)`) become the lookahead-and-
 * backreference form that has their semantics, `\A` `\Z` `\z` anchors, `\Q…\E` quoting, classes with
 * unions and intersections (`[a-z&&[^aeiou]]`), octal/hex/control escapes, Java's property names
 * (`\p{IsLatin}`, `\p{Lu}`, `\p{javaLowerCase}`, `\p{IsAlphabetic}`, `\p{sc=Grek}`).
 *
 * What has no faithful translation is refused with `UnsupportedJavaPatternError` naming the construct:
 * `\G`, `\X`, `\N{…}`, `\b{g}`, Unicode blocks (`\p{InGreek}`), `(?U)` (UNICODE_CHARACTER_CLASS),
 * `(?iu)` together with character ranges or back references, back references under `(?i)`, and
 * references to a group not yet opened. Syntax errors throw `JavaPatternSyntaxError` with Java's
 * PatternSyntaxException wording ("Unclosed group near index 3").
 *
 * Known differences left: Java requires a look-behind to have an obvious maximum length (JavaScript
 * accepts any); a back reference to a group that did not take part in the match fails in Java and
 * matches the empty string here; Unicode data (categories, scripts) is the JavaScript engine's version.
 */

export class JavaPatternSyntaxError extends Error {
  constructor(description: string, pattern: string, index: number) {
    super(`${description}${index >= 0 ? ` near index ${index}` : ''}\n${pattern}${index >= 0 ? `\n${' '.repeat(index)}^` : ''}`);
    this.name = 'PatternSyntaxException';
  }
}

export class UnsupportedJavaPatternError extends Error {
  constructor(construct: string, pattern: string) {
    super(`the Java regular expression construct ${construct} in ${JSON.stringify(pattern)} has no faithful JavaScript translation and is not supported locally`);
    this.name = 'UnsupportedJavaPatternError';
  }
}

export interface TranslatedPattern {
  /** JavaScript pattern source, for `new RegExp(source, flags)`. */
  readonly source: string;
  readonly flags: string;
  /** Java's number of capturing groups. */
  readonly groupCount: number;
  /** JavaScript group name of Java's group n (index n - 1). */
  readonly groupNames: readonly string[];
  /** Java group name → Java group number. */
  readonly namedGroups: ReadonlyMap<string, number>;
}

interface Flags {
  i: boolean; // CASE_INSENSITIVE
  m: boolean; // MULTILINE
  s: boolean; // DOTALL
  x: boolean; // COMMENTS
  u: boolean; // UNICODE_CASE
  d: boolean; // UNIX_LINES
}

const LINE_TERMINATORS = '\\n\\r\\u{85}\\u{2028}\\u{2029}';
const JAVA_SPACE = '[\\t\\n\\u{b}\\f\\r ]';
const JAVA_HORIZONTAL_SPACE = '[ \\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}]';
const JAVA_VERTICAL_SPACE = '[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}]';

/** POSIX character classes: ASCII only in Java (without UNICODE_CHARACTER_CLASS). */
const POSIX: Record<string, string> = {
  Lower: '[a-z]',
  Upper: '[A-Z]',
  ASCII: '[\\u{0}-\\u{7f}]',
  Alpha: '[a-zA-Z]',
  Digit: '[0-9]',
  Alnum: '[a-zA-Z0-9]',
  Punct: '[\\u{21}-\\u{2f}\\u{3a}-\\u{40}\\u{5b}-\\u{60}\\u{7b}-\\u{7e}]',
  Graph: '[\\u{21}-\\u{7e}]',
  Print: '[\\u{20}-\\u{7e}]',
  Blank: '[ \\t]',
  Cntrl: '[\\u{0}-\\u{1f}\\u{7f}]',
  XDigit: '[0-9a-fA-F]',
  Space: JAVA_SPACE,
};

/** java.lang.Character methods (`\p{javaLowerCase}`). */
const JAVA_CHARACTER: Record<string, string> = {
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaTitleCase: '\\p{Lt}',
  javaDigit: '\\p{Nd}',
  javaLetter: '\\p{L}',
  javaLetterOrDigit: '[\\p{L}\\p{Nd}]',
  javaAlphabetic: '\\p{Alphabetic}',
  javaIdeographic: '\\p{Ideographic}',
  javaDefined: '\\P{Cn}',
  javaISOControl: '[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}]',
  javaSpaceChar: '[\\p{Zs}\\p{Zl}\\p{Zp}]',
  javaWhitespace: '[[[\\p{Zs}\\p{Zl}\\p{Zp}]--[\\u{a0}\\u{2007}\\u{202f}]][\\t-\\r\\u{1c}-\\u{1f}]]',
  javaMirrored: '\\p{Bidi_Mirrored}',
};

/** Binary properties (`\p{IsAlphabetic}`), by Java's upper-cased name. */
const BINARY_PROPERTIES: Record<string, string> = {
  ALPHABETIC: '\\p{Alphabetic}',
  IDEOGRAPHIC: '\\p{Ideographic}',
  LETTER: '\\p{L}',
  LOWERCASE: '\\p{Lowercase}',
  UPPERCASE: '\\p{Uppercase}',
  TITLECASE: '\\p{Lt}',
  PUNCTUATION: '\\p{P}',
  CONTROL: '\\p{Cc}',
  WHITE_SPACE: '\\p{White_Space}',
  WHITESPACE: '\\p{White_Space}',
  DIGIT: '\\p{Nd}',
  HEX_DIGIT: '[\\p{Nd}\\p{Hex_Digit}]',
  HEXDIGIT: '[\\p{Nd}\\p{Hex_Digit}]',
  JOIN_CONTROL: '\\p{Join_Control}',
  JOINCONTROL: '\\p{Join_Control}',
  NONCHARACTER_CODE_POINT: '\\p{Noncharacter_Code_Point}',
  NONCHARACTERCODEPOINT: '\\p{Noncharacter_Code_Point}',
  ASSIGNED: '\\P{Cn}',
};

const CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'LC', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'Z', 'Zs', 'Zl', 'Zp',
  'C', 'Cc', 'Cf', 'Co', 'Cs', 'Cn', 'P', 'Pd', 'Ps', 'Pe', 'Pc', 'Po', 'Pi', 'Pf', 'S', 'Sm', 'Sc', 'Sk', 'So',
]);
const EXTRA_CATEGORIES: Record<string, string> = {
  LD: '[\\p{L}\\p{Nd}]',
  L1: '[\\u{0}-\\u{ff}]',
  all: '[\\u{0}-\\u{10ffff}]',
};

function hex(codePoint: number): string {
  return `\\u{${codePoint.toString(16)}}`;
}

function isAsciiAlnum(cp: number): boolean {
  return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}

/** A code point as a class member or literal: ASCII letters and digits as they are, all else escaped. */
function charText(cp: number): string {
  return isAsciiAlnum(cp) ? String.fromCodePoint(cp) : hex(cp);
}

function isAsciiLetter(cp: number): boolean {
  return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}

function swapAsciiCase(cp: number): number {
  return cp >= 97 ? cp - 32 : cp + 32;
}

function singleCodePoint(text: string): number | undefined {
  const cp = text.codePointAt(0);
  return cp !== undefined && String.fromCodePoint(cp) === text ? cp : undefined;
}

/** Title-cases Java's case-insensitive script names for JavaScript (`LATIN` → `Latin`, `old_italic` → `Old_Italic`). */
function scriptName(name: string): string {
  return name
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('_');
}

class Translator {
  private i = 0;
  private flags: Flags;
  private groupCount = 0;
  private readonly open = new Set<number>();
  private readonly groupNames: string[] = [];
  private readonly namedGroups = new Map<string, number>();
  private atomicCount = 0;
  /** Whether any construct needs case handling by JavaScript's `i` flag (only `(?iu)` given up front). */
  private unicodeCaseFlag = false;

  constructor(
    private readonly pattern: string,
    initial: Partial<Flags> = {},
  ) {
    this.flags = { i: false, m: false, s: false, x: false, u: false, d: false, ...initial };
  }

  translate(): TranslatedPattern {
    this.leadingUnicodeCase();
    const source = this.alternation(0);
    if (this.i < this.pattern.length) {
      // Only an unmatched ')' stops the top-level alternation early.
      throw this.syntax('Unmatched closing \')\'', this.i - 1 < 0 ? 0 : this.i);
    }
    return {
      source,
      flags: this.unicodeCaseFlag ? 'vi' : 'v',
      groupCount: this.groupCount,
      groupNames: this.groupNames,
      namedGroups: this.namedGroups,
    };
  }

  /** `(?iu)` (or `(?ui)`) at the very start: JavaScript's `i` flag with `v` is Unicode case folding. */
  private leadingUnicodeCase(): void {
    const match = /^\(\?([imsxud]*)\)/.exec(this.pattern);
    if (match && match[1]!.includes('i') && match[1]!.includes('u')) this.unicodeCaseFlag = true;
  }

  private syntax(description: string, index = this.i): JavaPatternSyntaxError {
    return new JavaPatternSyntaxError(description, this.pattern, index);
  }

  private unsupported(construct: string): UnsupportedJavaPatternError {
    return new UnsupportedJavaPatternError(construct, this.pattern);
  }

  private peekCp(at = this.i): number | undefined {
    return this.pattern.codePointAt(at);
  }

  private readCp(): number {
    const cp = this.pattern.codePointAt(this.i);
    if (cp === undefined) throw this.syntax('Unexpected internal error');
    this.i += cp > 0xffff ? 2 : 1;
    return cp;
  }

  /** In COMMENTS mode, whitespace and `#` comments are skipped (inside classes too, as Java does). */
  private skipComments(): void {
    if (!this.flags.x) return;
    for (;;) {
      const ch = this.pattern.charAt(this.i);
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\u000b') this.i += 1;
      else if (ch === '#') {
        while (this.i < this.pattern.length && !'\n\r\u0085\u2028\u2029'.includes(this.pattern.charAt(this.i))) this.i += 1;
      } else return;
    }
  }

  private alternation(depth: number): string {
    const branches: string[] = [];
    let atoms: string[] = [];
    for (;;) {
      this.skipComments();
      if (this.i >= this.pattern.length) {
        if (depth > 0) throw this.syntax('Unclosed group', this.pattern.length);
        break;
      }
      const ch = this.pattern.charAt(this.i);
      if (ch === '|') {
        this.i += 1;
        branches.push(atoms.join(''));
        atoms = [];
        continue;
      }
      if (ch === ')') {
        if (depth === 0) throw this.syntax("Unmatched closing ')'", this.i > 0 ? this.i - 1 : 0);
        break;
      }
      const atomStart = this.i;
      const atom = this.atom();
      if (atom === undefined) continue; // a flag group such as (?i) or an empty \Q\E
      if (atom.quantifiable) atoms.push(this.quantified(atom.text, atomStart));
      else atoms.push(atom.text);
    }
    branches.push(atoms.join(''));
    return branches.join('|');
  }

  private quantified(text: string, atomStart: number): string {
    this.skipComments();
    const ch = this.pattern.charAt(this.i);
    let quantifier: string;
    if (ch === '*' || ch === '+' || ch === '?') {
      this.i += 1;
      quantifier = ch;
    } else if (ch === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.i));
      if (!match) throw this.syntax('Illegal repetition', this.i);
      const min = Number(match[1]);
      const max = match[3] === undefined || match[3] === '' ? undefined : Number(match[3]);
      if (max !== undefined && max < min) throw this.syntax('Illegal repetition range', this.i);
      this.i += match[0].length;
      quantifier = match[0];
    } else {
      return text;
    }
    const mode = this.pattern.charAt(this.i);
    const group = `(?:${text})`;
    if (mode === '?') {
      this.i += 1;
      return `${group}${quantifier}?`;
    }
    if (mode === '+') {
      this.i += 1;
      return this.atomic(`${group}${quantifier}`);
    }
    void atomStart;
    return `${group}${quantifier}`;
  }

  /** Atomic (no backtracking into it): a lookahead captures what it matched, a back reference consumes it. */
  private atomic(inner: string): string {
    this.atomicCount += 1;
    const name = `a_${this.atomicCount}`;
    return `(?:(?=(?<${name}>${inner}))\\k<${name}>)`;
  }

  private caseFold(cp: number): string {
    if (!this.flags.i) return charText(cp);
    if (this.flags.u && !this.unicodeCaseFlag) {
      const s = String.fromCodePoint(cp);
      const variants = new Set([cp]);
      for (const v of [s.toLowerCase(), s.toUpperCase()]) {
        const single = singleCodePoint(v);
        if (single !== undefined) variants.add(single);
      }
      return variants.size === 1 ? charText(cp) : `[${[...variants].map(charText).join('')}]`;
    }
    if (this.flags.u) return charText(cp); // JavaScript's i flag does it
    return isAsciiLetter(cp) ? `[${charText(cp)}${charText(swapAsciiCase(cp))}]` : charText(cp);
  }

  private atom(): { text: string; quantifiable: boolean } | undefined {
    const start = this.i;
    const ch = this.pattern.charAt(this.i);
    switch (ch) {
      case '(':
        return this.group();
      case '[':
        this.i += 1;
        return { text: this.characterClass(), quantifiable: true };
      case '.':
        this.i += 1;
        if (this.flags.s) return { text: '[\\u{0}-\\u{10ffff}]', quantifiable: true };
        return { text: this.flags.d ? '[^\\n]' : `[^${LINE_TERMINATORS}]`, quantifiable: true };
      case '^':
        this.i += 1;
        return { text: this.caret(), quantifiable: true };
      case '$':
        this.i += 1;
        return { text: this.dollar(), quantifiable: true };
      case '*':
      case '+':
      case '?':
        throw this.syntax(`Dangling meta character '${ch}'`, start);
      case '{':
        throw this.syntax('Illegal repetition', start);
      case '\\':
        return this.escape();
      default:
        return { text: this.caseFold(this.readCp()), quantifiable: true };
    }
  }

  private terminators(): string {
    return this.flags.d ? '\\n' : LINE_TERMINATORS;
  }

  private caret(): string {
    if (!this.flags.m) return '(?<![\\u{0}-\\u{10ffff}])';
    // Start of input or after a line terminator (not between \r and \n), never at the very end.
    return `(?<![^${this.terminators()}])${this.flags.d ? '' : '(?!(?<=\\r)\\n)'}(?=[\\u{0}-\\u{10ffff}])`;
  }

  private dollar(): string {
    const t = this.terminators();
    const notBetweenCrLf = this.flags.d ? '' : '(?!(?<=\\r)\\n)';
    if (this.flags.m) return `(?=[${t}]|(?![\\u{0}-\\u{10ffff}]))${notBetweenCrLf}`;
    return this.endOrFinalTerminator();
  }

  /** Java's `$` without MULTILINE, and `\Z`: the end, or before a line terminator that ends the input. */
  private endOrFinalTerminator(): string {
    if (this.flags.d) return '(?=\\n?(?![\\u{0}-\\u{10ffff}]))';
    return `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\u{0}-\\u{10ffff}]))(?!(?<=\\r)\\n)`;
  }

  private group(): { text: string; quantifiable: boolean } | undefined {
    const start = this.i;
    this.i += 1; // (
    if (this.pattern.charAt(this.i) !== '?') {
      this.groupCount += 1;
      const number = this.groupCount;
      const name = `j_${number}`;
      this.groupNames[number - 1] = name;
      return { text: `(?<${name}>${this.groupBody(number)})`, quantifiable: true };
    }
    this.i += 1; // ?
    const kind = this.pattern.charAt(this.i);
    if (kind === ':') {
      this.i += 1;
      return { text: `(?:${this.groupBody()})`, quantifiable: true };
    }
    if (kind === '=' || kind === '!') {
      this.i += 1;
      return { text: `(?${kind}${this.groupBody()})`, quantifiable: true };
    }
    if (kind === '>') {
      this.i += 1;
      return { text: this.atomic(this.groupBody()), quantifiable: true };
    }
    if (kind === '<') {
      const next = this.pattern.charAt(this.i + 1);
      if (next === '=' || next === '!') {
        this.i += 2;
        return { text: `(?<${next}${this.groupBody()})`, quantifiable: true };
      }
      const match = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.pattern.slice(this.i));
      if (!match) throw this.syntax('capturing group name does not start with a Latin letter', this.i + 1);
      const javaName = match[1]!;
      if (this.namedGroups.has(javaName)) throw this.syntax(`Named capturing group <${javaName}> is already defined`, this.i + match[0].length - 1);
      this.i += match[0].length;
      this.groupCount += 1;
      const number = this.groupCount;
      const name = `j_${number}`;
      this.groupNames[number - 1] = name;
      this.namedGroups.set(javaName, number);
      return { text: `(?<${name}>${this.groupBody(number)})`, quantifiable: true };
    }
    // Flags: (?idmsux-idmsux) or (?idmsux-idmsux:X)
    const match = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(this.pattern.slice(this.i));
    if (!match) throw this.syntax('Unknown inline modifier', this.i);
    const on = match[1]!;
    const off = match[2] ?? '';
    for (const letter of on + off) {
      if (letter === 'U') throw this.unsupported('(?U) (UNICODE_CHARACTER_CLASS)');
      if (!'imsxud'.includes(letter)) throw this.syntax('Unknown inline modifier', this.i + (on + off).indexOf(letter));
    }
    this.i += match[0].length;
    const updated: Flags = { ...this.flags };
    for (const letter of on) updated[letter as keyof Flags] = true;
    for (const letter of off) updated[letter as keyof Flags] = false;
    this.checkCaseFlags(updated);
    if (match[3] === ')') {
      // Applies to the rest of the enclosing group.
      this.flags = updated;
      return undefined;
    }
    const saved = this.flags;
    this.flags = updated;
    const body = this.groupBody(undefined, false);
    this.flags = saved;
    void start;
    return { text: `(?:${body})`, quantifiable: true };
  }

  private checkCaseFlags(flags: Flags): void {
    // Unicode case folding is done by JavaScript's i flag, which covers the whole pattern: only when the
    // pattern starts with it. Elsewhere, literal characters are folded one by one (caseFold).
    if (flags.i && flags.u && this.unicodeCaseFlag) return;
    if (this.unicodeCaseFlag && !(flags.i && flags.u)) throw this.unsupported('(?-i) or (?-u) after a leading (?iu)');
  }

  /** The inside of a group up to its ')', with flags set inside it restored afterwards. */
  private groupBody(number?: number, restoreFlags = true): string {
    const saved = this.flags;
    if (number !== undefined) this.open.add(number);
    const body = this.alternation(1);
    if (this.pattern.charAt(this.i) !== ')') throw this.syntax('Unclosed group', this.pattern.length);
    this.i += 1;
    if (restoreFlags) this.flags = saved;
    return body;
  }

  private escape(): { text: string; quantifiable: boolean } | undefined {
    const start = this.i;
    this.i += 1; // backslash
    if (this.i >= this.pattern.length) throw this.syntax('Unexpected internal error', this.pattern.length);
    const ch = this.pattern.charAt(this.i);
    if (ch >= '1' && ch <= '9') return { text: this.backReference(), quantifiable: true };
    switch (ch) {
      case 'Q': {
        this.i += 1;
        const end = this.pattern.indexOf('\\E', this.i);
        const quoted = this.pattern.slice(this.i, end < 0 ? undefined : end);
        this.i = end < 0 ? this.pattern.length : end + 2;
        if (quoted === '') return undefined;
        // Each quoted character is its own atom, so a quantifier after \E applies to the last one, as in Java.
        const chars = [...quoted].map((c) => this.caseFold(c.codePointAt(0)!));
        const last = chars.pop()!;
        return { text: chars.join('') + this.quantified(last, this.i), quantifiable: false };
      }
      case 'A':
        this.i += 1;
        return { text: '(?<![\\u{0}-\\u{10ffff}])', quantifiable: true };
      case 'z':
        this.i += 1;
        return { text: '(?![\\u{0}-\\u{10ffff}])', quantifiable: true };
      case 'Z':
        this.i += 1;
        return { text: this.endOrFinalTerminator(), quantifiable: true };
      case 'b':
        this.i += 1;
        if (this.pattern.charAt(this.i) === '{') throw this.unsupported('\\b{g} (grapheme cluster boundary)');
        return { text: '\\b', quantifiable: true };
      case 'B':
        this.i += 1;
        return { text: '\\B', quantifiable: true };
      case 'G':
        throw this.unsupported('\\G (end of the previous match)');
      case 'X':
        throw this.unsupported('\\X (grapheme cluster)');
      case 'R':
        this.i += 1;
        return { text: `(?:\\r\\n|[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}])`, quantifiable: true };
      case 'k': {
        const match = /^k<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.pattern.slice(this.i));
        if (!match) throw this.syntax('\\k is not followed by \'<\' for named capturing group', this.i);
        const number = this.namedGroups.get(match[1]!);
        if (number === undefined) throw this.syntax(`named capturing group <${match[1]}> does not exist`, this.i + match[0].length - 1);
        this.i += match[0].length;
        return { text: this.referenceTo(number), quantifiable: true };
      }
      default: {
        this.i = start;
        const set = this.classEscape();
        if (set !== undefined) return { text: set, quantifiable: true };
        this.i = start;
        return { text: this.caseFold(this.escapedChar()), quantifiable: true };
      }
    }
  }

  private backReference(): string {
    let number = Number(this.pattern.charAt(this.i));
    this.i += 1;
    // Java takes more digits while the number still names an existing group.
    for (;;) {
      const digit = this.pattern.charAt(this.i);
      if (digit < '0' || digit > '9') break;
      const longer = number * 10 + Number(digit);
      if (longer > this.groupCount) break;
      number = longer;
      this.i += 1;
    }
    return this.referenceTo(number);
  }

  private referenceTo(number: number): string {
    if (number > this.groupCount) throw this.unsupported(`\\${number} (a back reference to a group that does not exist yet)`);
    if (this.flags.i && !this.unicodeCaseFlag) throw this.unsupported('a back reference under (?i) (case-insensitive back references)');
    return `\\k<${this.groupNames[number - 1]}>`;
  }

  /**
   * At a backslash: a predefined or property class (`\d`, `\p{Lu}`, ...) as JavaScript class text, or
   * undefined (position unchanged) when the escape is a single character.
   */
  private classEscape(): string | undefined {
    const ch = this.pattern.charAt(this.i + 1);
    const simple: Record<string, string> = {
      d: '[0-9]',
      D: '[^0-9]',
      w: '[a-zA-Z_0-9]',
      W: '[^a-zA-Z_0-9]',
      s: JAVA_SPACE,
      S: `[^${JAVA_SPACE.slice(1, -1)}]`,
      h: JAVA_HORIZONTAL_SPACE,
      H: `[^${JAVA_HORIZONTAL_SPACE.slice(1, -1)}]`,
      v: JAVA_VERTICAL_SPACE,
      V: `[^${JAVA_VERTICAL_SPACE.slice(1, -1)}]`,
    };
    if (Object.hasOwn(simple, ch)) {
      this.i += 2;
      return simple[ch];
    }
    if (ch !== 'p' && ch !== 'P') return undefined;
    const at = this.i;
    this.i += 2;
    let name: string;
    if (this.pattern.charAt(this.i) === '{') {
      const end = this.pattern.indexOf('}', this.i);
      if (end < 0) throw this.syntax('Unclosed character family', this.pattern.length);
      name = this.pattern.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      if (this.i >= this.pattern.length) throw this.syntax('Illegal character family', this.i);
      name = this.pattern.charAt(this.i);
      this.i += 1;
    }
    const set = this.property(name, at);
    return ch === 'P' ? this.negate(set) : set;
  }

  private negate(set: string): string {
    if (set.startsWith('\\p{')) return `\\P${set.slice(2)}`;
    if (set.startsWith('\\P{')) return `\\p${set.slice(2)}`;
    return `[^${set}]`;
  }

  private property(name: string, at: number): string {
    const equals = name.indexOf('=');
    if (equals >= 0) {
      const key = name.slice(0, equals).toLowerCase();
      const value = name.slice(equals + 1);
      if (key === 'script' || key === 'sc') return this.script(value, at);
      if (key === 'general_category' || key === 'gc') {
        if (CATEGORIES.has(value)) return `\\p{${value}}`;
        throw this.syntax(`Unknown Unicode property {name=<${key}>, value=<${value}>}`, at);
      }
      if (key === 'block' || key === 'blk') throw this.unsupported(`\\p{${name}} (Unicode blocks)`);
      throw this.syntax(`Unknown Unicode property {name=<${key}>, value=<${value}>}`, at);
    }
    if (name.startsWith('In')) throw this.unsupported(`\\p{${name}} (Unicode blocks)`);
    if (name.startsWith('Is')) {
      const rest = name.slice(2);
      const binary = BINARY_PROPERTIES[rest.toUpperCase()];
      if (binary) return binary;
      if (CATEGORIES.has(rest)) return `\\p{${rest}}`;
      if (Object.hasOwn(EXTRA_CATEGORIES, rest)) return EXTRA_CATEGORIES[rest]!;
      return this.script(rest, at);
    }
    if (Object.hasOwn(POSIX, name)) return POSIX[name]!;
    if (Object.hasOwn(JAVA_CHARACTER, name)) return JAVA_CHARACTER[name]!;
    if (CATEGORIES.has(name)) return `\\p{${name}}`;
    if (Object.hasOwn(EXTRA_CATEGORIES, name)) return EXTRA_CATEGORIES[name]!;
    throw this.syntax(`Unknown character property name {${name}}`, at);
  }

  private script(name: string, at: number): string {
    const candidate = scriptName(name);
    try {
      new RegExp(`\\p{Script=${candidate}}`, 'v');
    } catch {
      throw this.syntax(`Unknown character script name {${name}}`, at);
    }
    return `\\p{Script=${candidate}}`;
  }

  /** At a backslash: the code point of a character escape (`\t`, `\x41`, `\u00e9`, `\0101`, `\cA`, `\.`). */
  private escapedChar(): number {
    const start = this.i;
    this.i += 1;
    const ch = this.pattern.charAt(this.i);
    this.i += 1;
    switch (ch) {
      case 't':
        return 9;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 'f':
        return 12;
      case 'a':
        return 7;
      case 'e':
        return 27;
      case '0': {
        const match = /^[0-7]{1,3}/.exec(this.pattern.slice(this.i));
        if (!match) throw this.syntax('Illegal octal escape sequence', this.i);
        let digits = match[0];
        if (digits.length === 3 && digits.charAt(0) > '3') digits = digits.slice(0, 2);
        this.i += digits.length;
        return parseInt(digits, 8);
      }
      case 'x': {
        if (this.pattern.charAt(this.i) === '{') {
          const match = /^\{([0-9a-fA-F]+)\}/.exec(this.pattern.slice(this.i));
          if (!match) throw this.syntax('Unclosed hexadecimal escape sequence', this.i);
          const cp = parseInt(match[1]!, 16);
          if (cp > 0x10ffff) throw this.syntax('Hexadecimal codepoint is too big', this.i);
          this.i += match[0].length;
          return cp;
        }
        const match = /^[0-9a-fA-F]{2}/.exec(this.pattern.slice(this.i));
        if (!match) throw this.syntax('Illegal hexadecimal escape sequence', this.i);
        this.i += 2;
        return parseInt(match[0], 16);
      }
      case 'u': {
        const match = /^[0-9a-fA-F]{4}/.exec(this.pattern.slice(this.i));
        if (!match) throw this.syntax('Illegal Unicode escape sequence', this.i);
        this.i += 4;
        const unit = parseInt(match[0], 16);
        // A surrogate pair written as two \u escapes is one code point, as in Java.
        const low = /^\\u(d[c-f][0-9a-f]{2})/i.exec(this.pattern.slice(this.i));
        if (unit >= 0xd800 && unit <= 0xdbff && low) {
          this.i += 6;
          return (unit - 0xd800) * 0x400 + (parseInt(low[1]!, 16) - 0xdc00) + 0x10000;
        }
        return unit;
      }
      case 'c': {
        if (this.i >= this.pattern.length) throw this.syntax('Illegal control escape sequence', this.i);
        const cp = this.readCp();
        return cp ^ 64;
      }
      case 'N':
        throw this.unsupported('\\N{...} (character by name)');
      default: {
        this.i = start + 1;
        const cp = this.readCp();
        // Java allows escaping any character that is not an ASCII letter or digit.
        if (isAsciiAlnum(cp)) throw this.syntax('Illegal/unsupported escape sequence', start + 1);
        return cp;
      }
    }
  }

  /** After '[': the whole class, with unions (nested classes) and intersections (&&). */
  private characterClass(): string {
    const classStart = this.i - 1;
    let negated = false;
    if (this.pattern.charAt(this.i) === '^') {
      negated = true;
      this.i += 1;
    }
    const operands: string[][] = [];
    let items: string[] = [];
    let any = false;
    for (;;) {
      this.skipComments();
      if (this.i >= this.pattern.length) throw this.syntax('Unclosed character class', this.pattern.length - 1);
      const ch = this.pattern.charAt(this.i);
      if (ch === ']' && any) {
        this.i += 1;
        break;
      }
      if (ch === '[') {
        this.i += 1;
        items.push(this.characterClass());
        any = true;
        continue;
      }
      if (ch === '&' && this.pattern.charAt(this.i + 1) === '&') {
        this.i += 2;
        operands.push(items);
        items = [];
        any = true;
        continue;
      }
      if (ch === '\\') {
        const set = this.classEscape();
        if (set !== undefined) {
          items.push(set);
          any = true;
          continue;
        }
        if (this.pattern.charAt(this.i + 1) === 'Q') {
          this.i += 2;
          const end = this.pattern.indexOf('\\E', this.i);
          const quoted = this.pattern.slice(this.i, end < 0 ? undefined : end);
          this.i = end < 0 ? this.pattern.length : end + 2;
          for (const c of quoted) items.push(this.classChar(c.codePointAt(0)!));
          any = any || quoted !== '';
          continue;
        }
      }
      const low = ch === '\\' ? this.escapedChar() : this.readCp();
      any = true;
      this.skipComments();
      if (this.pattern.charAt(this.i) === '-' && this.pattern.charAt(this.i + 1) !== ']' && this.pattern.charAt(this.i + 1) !== '[' && this.i + 1 < this.pattern.length) {
        const dash = this.i;
        this.i += 1;
        this.skipComments();
        if (this.pattern.charAt(this.i) === '\\' && this.classEscapeAhead()) throw this.syntax('Illegal character range', dash);
        const high = this.pattern.charAt(this.i) === '\\' ? this.escapedChar() : this.readCp();
        if (high < low) throw this.syntax('Illegal character range', this.i - 1);
        items.push(this.classRange(low, high));
      } else {
        items.push(this.classChar(low));
      }
    }
    void classStart;
    const all = [...operands, items].filter((operand) => operand.length > 0);
    const body = all.length <= 1 ? (all[0] ?? []).join('') : all.map((operand) => `[${operand.join('')}]`).join('&&');
    if (body === '') return negated ? '[\\u{0}-\\u{10ffff}]' : '[]';
    return `[${negated ? '^' : ''}${body}]`;
  }

  private classEscapeAhead(): boolean {
    return 'dDwWsShHvVpP'.includes(this.pattern.charAt(this.i + 1));
  }

  private classChar(cp: number): string {
    if (!this.flags.i) return charText(cp);
    if (this.flags.u && !this.unicodeCaseFlag) {
      const folded = this.caseFold(cp);
      return folded.startsWith('[') ? folded.slice(1, -1) : folded;
    }
    if (this.flags.u) return charText(cp);
    return isAsciiLetter(cp) ? `${charText(cp)}${charText(swapAsciiCase(cp))}` : charText(cp);
  }

  private classRange(low: number, high: number): string {
    const range = `${charText(low)}-${charText(high)}`;
    if (!this.flags.i || (this.flags.u && this.unicodeCaseFlag)) return range;
    const extra: string[] = [];
    // ASCII case folding: add the other case of the range's ASCII letters.
    for (const [from, to] of [
      [97, 122],
      [65, 90],
    ] as const) {
      const lo = Math.max(low, from);
      const hi = Math.min(high, to);
      if (lo <= hi) extra.push(`${charText(swapAsciiCase(lo))}-${charText(swapAsciiCase(hi))}`);
    }
    if (this.flags.u && high > 127) throw this.unsupported('a character range beyond ASCII under (?iu) in the middle of a pattern');
    return range + extra.join('');
  }
}

const MAX_CACHED = 200;
const compiled = new Map<string, { translated: TranslatedPattern; regex: RegExp; whole: RegExp }>();

/** Translates a Java regular expression; throws JavaPatternSyntaxError or UnsupportedJavaPatternError. */
export function translateJavaRegex(pattern: string): TranslatedPattern {
  return new Translator(pattern).translate();
}

function compile(pattern: string) {
  let entry = compiled.get(pattern);
  if (!entry) {
    const translated = translateJavaRegex(pattern);
    entry = {
      translated,
      regex: new RegExp(translated.source, `${translated.flags}g`),
      whole: new RegExp(`^(?:${translated.source})$`, translated.flags),
    };
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(pattern, entry);
  }
  return entry;
}

/** Java's `Pattern.matches(pattern, value)`: the whole value matches. */
export function javaMatches(pattern: string, value: string): boolean {
  return compile(pattern).whole.test(value);
}

type Groups = Record<string, string | undefined>;

/** Expands a Java replacement string (Matcher.appendReplacement) for one match. */
function expandReplacement(replacement: string, match: string, groups: Groups, translated: TranslatedPattern): string {
  let out = '';
  let cursor = 0;
  while (cursor < replacement.length) {
    const ch = replacement.charAt(cursor);
    if (ch === '\\') {
      cursor += 1;
      if (cursor === replacement.length) throw new TypeError('java.lang.IllegalArgumentException: character to be escaped is missing');
      out += replacement.charAt(cursor);
      cursor += 1;
    } else if (ch === '$') {
      cursor += 1;
      if (cursor === replacement.length) throw new TypeError('java.lang.IllegalArgumentException: Illegal group reference: group index is missing');
      let number: number;
      if (replacement.charAt(cursor) === '{') {
        cursor += 1;
        const name = /^[a-zA-Z0-9]*/.exec(replacement.slice(cursor))![0];
        cursor += name.length;
        if (name.length === 0) throw new TypeError('java.lang.IllegalArgumentException: named capturing group has 0 length name');
        if (replacement.charAt(cursor) !== '}') throw new TypeError("java.lang.IllegalArgumentException: named capturing group is missing trailing '}'");
        cursor += 1;
        if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
          throw new TypeError(`java.lang.IllegalArgumentException: capturing group name {${name}} starts with digit character`);
        }
        const named = translated.namedGroups.get(name);
        if (named === undefined) throw new TypeError(`java.lang.IllegalArgumentException: No group with name {${name}}`);
        number = named;
      } else {
        const digit = replacement.charAt(cursor);
        if (digit < '0' || digit > '9') throw new TypeError('java.lang.IllegalArgumentException: Illegal group reference');
        number = Number(digit);
        cursor += 1;
        for (;;) {
          const next = replacement.charAt(cursor);
          if (next < '0' || next > '9') break;
          const longer = number * 10 + Number(next);
          if (longer > translated.groupCount) break;
          number = longer;
          cursor += 1;
        }
      }
      if (number > translated.groupCount) throw new TypeError(`java.lang.IndexOutOfBoundsException: No group ${number}`);
      out += number === 0 ? match : (groups[translated.groupNames[number - 1]!] ?? '');
    } else {
      out += ch;
      cursor += 1;
    }
  }
  return out;
}

/** Java's `String.replaceFirst(regex, replacement)` (all = false) and `replaceAll(regex, replacement)`. */
export function javaReplace(text: string, pattern: string, replacement: string, all: boolean): string {
  const { translated, regex } = compile(pattern);
  regex.lastIndex = 0;
  let out = '';
  let last = 0;
  for (;;) {
    const found = regex.exec(text);
    if (!found) break;
    out += text.slice(last, found.index) + expandReplacement(replacement, found[0], (found.groups ?? {}) as Groups, translated);
    last = found.index + found[0].length;
    if (!all) break;
    if (found[0].length === 0) {
      // Step over an empty match (by code point, as the v flag does).
      const cp = text.codePointAt(regex.lastIndex);
      if (cp === undefined) break;
      regex.lastIndex += cp > 0xffff ? 2 : 1;
    }
  }
  return out + text.slice(last);
}
