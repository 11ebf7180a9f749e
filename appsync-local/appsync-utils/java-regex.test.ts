// Java java.util.regex.Pattern semantics for util.matches and String replace/replaceAll: each case is
// what Java answers for Pattern.matches(pattern, value) / replaceFirst / replaceAll.
import { describe, expect, it } from 'vitest';
import { JavaPatternSyntaxError, javaMatches, javaReplace, translateJavaRegex, UnsupportedJavaPatternError } from './java-regex';

function cases(list: readonly (readonly [string, string, boolean])[]) {
  return list.map(([pattern, value, expected]) => ({ pattern, value, expected }));
}

describe('Pattern.matches: the whole value must match', () => {
  it.each(cases([
    ['a*b', 'aaaaab', true],
    ['a*b', 'aaaaabc', false],
    ['b', 'abc', false],
    ['a|ab', 'ab', true],
  ]))('$pattern on $value → $expected', ({ pattern, value, expected }) => {
    expect(javaMatches(pattern, value)).toBe(expected);
  });
});

describe('possessive quantifiers and atomic groups do not backtrack', () => {
  it.each(cases([
    ['a++a', 'aaa', false],
    ['a+a', 'aaa', true],
    ['a*+b', 'aab', true],
    ['a?+a', 'a', false],
    ['a{1,3}+a', 'aaa', false],
    ['a{1,3}a', 'aaa', true],
    ['(?>a|ab)c', 'abc', false],
    ['(a|ab)c', 'abc', true],
    ['"[^"]*+"', '"quoted"', true],
    ['(x)++\\1', 'xxx', false],
  ]))('$pattern on $value → $expected', ({ pattern, value, expected }) => {
    expect(javaMatches(pattern, value)).toBe(expected);
  });

  it('keeps Java group numbers for back references and replacements although atomic groups add captures', () => {
    expect(javaMatches('(?>(a))b\\1', 'aba')).toBe(true);
    expect(javaReplace('xaab', '(a)++(b)', '[$2$1]', false)).toBe('x[ba]');
  });
});

describe('embedded flags', () => {
  it.each(cases([
    ['(?i)hello', 'HeLLo', true],
    ['(?i)stra\u00dfe', 'STRASSE', false],
    ['(?i)\u00e9', '\u00c9', false], // CASE_INSENSITIVE alone folds ASCII only
    ['(?iu)\u00e9', '\u00c9', true], // with UNICODE_CASE, Unicode
    ['a(?iu)\u00e9', 'a\u00c9', true],
    ['a(?i)b', 'aB', true],
    ['a(?i)b', 'AB', false],
    ['(?i:a)b', 'Ab', true],
    ['(?i:a)b', 'AB', false],
    ['(?i)a(?-i)b', 'Ab', true],
    ['(?i)a(?-i)b', 'AB', false],
    ['((?i)a)b', 'AB', false], // a flag set inside a group ends with the group
    ['(?i)[a-c]+', 'AbC', true],
    ['(?i)[^a]', 'A', false],
    ['(?s)a.c', 'a\nc', true],
    ['a.c', 'a\nc', false],
    ['a.c', 'a\u0085c', false], // Java's . also stops at NEL, U+2028, U+2029
    ['(?d)a.c', 'a\rc', true], // UNIX_LINES: only \n ends a line
    ['(?m)a$\\n^b', 'a\nb', true],
    ['(?x) a b # a comment\n c', 'abc', true],
    ['(?x)[a b]+', 'ab', true],
  ]))('$pattern on $value → $expected', ({ pattern, value, expected }) => {
    expect(javaMatches(pattern, value)).toBe(expected);
  });
});

describe('anchors', () => {
  it.each([
    ['\\Aabc\\z', 'abc', 'x', true],
    ['abc\\Z', 'abc\n', 'find', true],
    ['abc\\z', 'abc\n', 'find', false],
    ['abc$', 'abc\r\n', 'find', true],
    ['^b', 'a\nb', 'find', false],
    ['(?m)^b', 'a\nb', 'find', true],
    ['(?m)^', 'a\n', 'count', 1], // Java's MULTILINE ^ never matches at the very end
    ['(?m)$', 'a\r\nb', 'count', 2], // not between \r and \n
  ] as const)('%s on %j', (pattern, text, how, expected) => {
    if (how === 'count') {
      const marked = javaReplace(text, pattern, '#', true);
      expect(marked.split('#').length - 1).toBe(expected);
    } else if (how === 'find') {
      expect(javaReplace(text, pattern, '#', false) !== text).toBe(expected);
    } else {
      expect(javaMatches(pattern, text)).toBe(expected);
    }
  });
});

describe('character classes', () => {
  it.each(cases([
    ['[a-z&&[^aeiou]]+', 'bcd', true],
    ['[a-z&&[^aeiou]]+', 'bad', false],
    ['[a-z&&def]+', 'fed', true],
    ['[a-d[m-p]]+', 'amp', true],
    ['[a-d[m-p]]', 'e', false],
    ['[^a-c&&b-d]', 'a', true], // Java 9+: ^ negates the whole intersection
    ['[]a]+', ']a', true],
    ['[^]a]', 'b', true],
    ['[a-]+', 'a-', true],
    ['[(){}|/.*+?]+', '(){}|/.*+?', true],
    ['[\\w.-]+@[\\w.-]+', 'ana.perez@farma-cruz.mx', true],
    ['[\\Q]-[\\E]+', ']-[', true],
    ['[\\x41-\\x43]+', 'ABC', true],
  ]))('$pattern on $value → $expected', ({ pattern, value, expected }) => {
    expect(javaMatches(pattern, value)).toBe(expected);
  });
});

describe('predefined and property classes', () => {
  it.each(cases([
    ['\\s', '\u00a0', false], // Java's \s is ASCII whitespace
    ['\\s', '\u000b', true],
    ['\\d', '\u0663', false], // ASCII digits only
    ['\\w+', 'ma\u00f1ana', false],
    ['\\h', '\u3000', true],
    ['\\H', ' ', false],
    ['\\v', '\u2028', true], // Java's \v is vertical whitespace, not only VT
    ['\\R', '\r\n', true],
    ['\\p{Lower}+', 'abc', true],
    ['\\p{Upper}', '\u00c1', false], // POSIX classes are ASCII
    ['\\p{Alpha}+', 'a\u00f1', false],
    ['\\p{Punct}+', '!#$%&*+,-./:;<=>?@[]^_`{|}~', true],
    ['\\p{XDigit}+', '0aF', true],
    ['\\p{Lu}+', '\u00c1B', true],
    ['\\pL+', 'a\u00f1\u03b1', true],
    ['\\PL', '1', true],
    ['\\p{IsL}+', 'ab', true],
    ['\\p{L1}+', '\u00ff', true],
    ['\\p{IsLatin}+', 'ab\u00e7', true],
    ['\\p{IsGreek}', '\u03b1', true],
    ['\\p{script=Greek}', '\u03b1', true],
    ['\\p{sc=Grek}', '\u03b1', true],
    ['\\p{gc=Sc}', '$', true],
    ['\\p{IsAlphabetic}+', 'a\u00f1', true],
    ['\\p{IsWhite_Space}', '\u00a0', true],
    ['\\p{javaLowerCase}+', 'a\u00f1', true],
    ['\\p{javaWhitespace}', '\u00a0', false],
    ['\\p{javaWhitespace}', '\u2003', true],
    ['[\\p{L}&&[^\\p{Lu}]]+', 'abc', true],
  ]))('$pattern on $value → $expected', ({ pattern, value, expected }) => {
    expect(javaMatches(pattern, value)).toBe(expected);
  });
});

describe('escapes and quoting', () => {
  it.each(cases([
    ['\\x41\\u0042\\0103\\x{44}', 'ABCD', true],
    ['\\uD83D\\uDE00', '\u{1F600}', true],
    ['\\t\\n\\r\\f\\a\\e', '\t\n\r\f\u0007\u001b', true],
    ['\\cA', '\u0001', true],
    ['\\Q.*\\E', '.*', true],
    ['\\Q.*\\E', 'ab', false],
    ['\\Qab\\E+', 'abbb', true], // the quantifier applies to the last quoted character
    ['\\Q(unclosed', '(unclosed', true],
    ['\\.\\$\\^', '.$^', true],
    ['(\\w)\\1', 'aa', true],
    ['(?<ch>\\w)\\k<ch>', 'bb', true],
    ['(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10', 'abcdefghijj', true],
    ['(a)\\10', 'aa0', true], // \10 is \1 then 0 when there is no group 10
  ]))('$pattern on $value → $expected', ({ pattern, value, expected }) => {
    expect(javaMatches(pattern, value)).toBe(expected);
  });
});

describe('String.replaceFirst / replaceAll', () => {
  it.each([
    ['a.b', '.', '-', false, '-.b'], // the pattern is a regular expression
    ['a.b', '\\.', '-', true, 'a-b'],
    ['John Smith', '(\\w+) (\\w+)', '$2, $1', false, 'Smith, John'],
    ['x1y22', '(?<d>\\d+)', '<${d}>', true, 'x<1>y<22>'],
    ['cost', 'o', '\\$', true, 'c$st'],
    ['abc', '', '-', true, '-a-b-c-'],
    ['aaa', 'a', 'b', false, 'baa'],
    ['aaa', 'a', 'b', true, 'bbb'],
    ['ab', '(x)?b', '[$1]', true, 'a[]'], // a group that did not take part is empty
    ['ab', 'b', '$0$0', true, 'abb'],
    ['a1!', '(a)(1)', '$12', false, 'a2!'], // $12 is $1 then 2 when there is no group 12
  ] as const)('%j.replace(%j, %j) all=%s → %j', (text, pattern, replacement, all, expected) => {
    expect(javaReplace(text, pattern, replacement, all)).toBe(expected);
  });

  it.each([
    ['$', 'Illegal group reference: group index is missing'],
    ['$x', 'Illegal group reference'],
    ['$3', 'No group 3'],
    ['\\', 'character to be escaped is missing'],
    ['${nope}', 'No group with name {nope}'],
    ['${1a}', 'capturing group name {1a} starts with digit character'],
  ])('refuses the replacement %j as Java does', (replacement, message) => {
    expect(() => javaReplace('ab', '(a)', replacement, false)).toThrow(message);
  });
});

describe('syntax errors carry PatternSyntaxException wording', () => {
  it.each([
    ['(ab', 'Unclosed group near index 3'],
    ['a)', "Unmatched closing ')'"],
    ['*a', "Dangling meta character '*' near index 0"],
    ['[abc', 'Unclosed character class'],
    ['a{2', 'Illegal repetition near index 1'],
    ['x{3,1}', 'Illegal repetition range'],
    ['\\y', 'Illegal/unsupported escape sequence near index 1'],
    ['\\p{Nope}', 'Unknown character property name {Nope}'],
    ['\\p{IsNoSuchScript}', 'Unknown character script name {NoSuchScript}'],
    ['(?<1a>x)', 'capturing group name does not start with a Latin letter'],
    ['\\k<none>', 'named capturing group <none> does not exist'],
    ['[z-a]', 'Illegal character range'],
    ['(?q)', 'Unknown inline modifier'],
  ])('%j', (pattern, message) => {
    expect(() => translateJavaRegex(pattern)).toThrow(JavaPatternSyntaxError);
    expect(() => translateJavaRegex(pattern)).toThrow(message);
  });
});

describe('what cannot be translated faithfully is refused, naming the construct', () => {
  it.each([
    ['\\Ga', '\\G'],
    ['\\X', '\\X'],
    ['\\N{LATIN SMALL LETTER A}', '\\N{...}'],
    ['\\b{g}', '\\b{g}'],
    ['\\p{InGreek}', 'Unicode blocks'],
    ['\\p{block=Greek}', 'Unicode blocks'],
    ['(?U)\\w', '(?U)'],
    ['(?i)(a)\\1', 'case-insensitive back references'],
    ['\\2(a)(b)', 'does not exist yet'],
    ['a(?iu)[\u00e0-\u00ff]', 'beyond ASCII'],
  ])('%j', (pattern, construct) => {
    expect(() => translateJavaRegex(pattern)).toThrow(UnsupportedJavaPatternError);
    expect(() => translateJavaRegex(pattern)).toThrow(construct);
  });
});
