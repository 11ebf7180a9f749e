/**
 * Puts a prerendered page into the web app's own index.html (the "shell": in AWS the deployed, built
 * index.html with its hashed script and stylesheet; locally web/index.html), so the page loads the same
 * app that then takes over (web/src/main.tsx). The shell's generic <title> and description make way for
 * the page's; the page's markup goes inside <div id="root">, marked `data-prerendered`.
 *
 * The page's content comes before the app's code, twice over:
 *  - the shell's scripts and module preloads move from <head> to after the page's content
 *    (appCodeAfterContent): in <head>, at 4× CPU throttle, running the two inline scripts and starting a dozen
 *    requests took the parser past its time slice before it reached <body>, so the first frame painted an
 *    empty page and the content waited for the next one (LCP, median of 10 interleaved loads at 1280×900:
 *    product 690 → 580 ms, home 820 → 680 ms). The browser's preload scanner still finds the preloads at once;
 *  - the app's code starts after the page's first paint (startAppAfterFirstPaint): as a module script it ran
 *    as soon as the page was parsed, and on a short page (a product) its 150 ms of evaluation at 4× CPU
 *    throttle came before the first paint. The entry and its chunks still download from the start.
 */
const TITLE = /<title>[\s\S]*?<\/title>\s*/i;
const DESCRIPTION = /<meta\s+name="description"[^>]*>\s*/i;
const EMPTY_ROOT = /<div id="root"><\/div>/;

/** Vite's entry in index.html: `<script type="module" crossorigin src="/assets/index-….js">` (built) or `/src/main.tsx`. */
const ENTRY_SCRIPT = /<script type="module"(?: crossorigin)? src="([^"]+)"><\/script>/;

export class ShellError extends Error {}

/**
 * The inline script that imports the app's entry once the page has painted (the next frame, then a task),
 * or after a second at the latest: a background tab paints nothing until it is shown. The entry's URL is
 * read from a `<meta name="app-entry">` (the development server rewrites inline scripts and drops their
 * attributes), so the script's text, and the hash the Content-Security-Policy allows it by, is the same for
 * every build. (`@vite-ignore`: the development server, which serves these pages on `npm start`, would warn
 * that it cannot follow the import.)
 */
export const APP_START_SCRIPT =
  'let s=0;const g=()=>{if(!s){s=1;import(/* @vite-ignore */ document.querySelector(\'meta[name="app-entry"]\').content)}};' +
  'requestAnimationFrame(()=>setTimeout(g));setTimeout(g,1e3);';

/**
 * The shell with its entry module script replaced by APP_START_SCRIPT (unchanged when it has none). The entry
 * is still fetched from the start, as a modulepreload.
 */
export function startAppAfterFirstPaint(shell: string): string {
  return shell.replace(
    ENTRY_SCRIPT,
    (_script, entrySrc: string) =>
      `<link rel="modulepreload" crossorigin href="${entrySrc}">\n    <meta name="app-entry" content="${entrySrc}">\n    <script type="module">${APP_START_SCRIPT}</script>`,
  );
}

/** A script element, or a module preload (with the entry's name for APP_START_SCRIPT): the app's code. */
const APP_CODE_TAG = /[ \t]*(?:<script\b[^>]*>[\s\S]*?<\/script>|<link\b[^>]*\brel="modulepreload"[^>]*>|<meta name="app-entry"[^>]*>)[ \t]*\n?/gi;

/**
 * The shell with the scripts and module preloads of its <head> moved, in their order, to just after its
 * `<div id="root">`: before anything the shell's <body> already has after it (the development server's entry),
 * so the order in which they run is the same. The stylesheet, meta tags and title stay in <head>.
 */
export function appCodeAfterContent(shell: string): string {
  const headEnd = shell.indexOf('</head>');
  if (headEnd < 0 || !EMPTY_ROOT.test(shell)) return shell;
  const moved: string[] = [];
  const head = shell.slice(0, headEnd).replace(APP_CODE_TAG, (tag) => {
    moved.push(tag.trim());
    return '';
  });
  if (moved.length === 0) return shell;
  return (head + shell.slice(headEnd)).replace(EMPTY_ROOT, (root) => [root, ...moved].join('\n    '));
}

/** Throws when the shell is not the web app's index.html (no `</head>` or no empty `<div id="root">`). */
export function checkShell(shell: string): void {
  if (!shell.includes('</head>') || !EMPTY_ROOT.test(shell)) {
    throw new ShellError('The page shell is not the web app index.html: it needs </head> and an empty <div id="root"></div>');
  }
}

export interface ShellContent {
  /** Markup for the end of <head> (title, meta, link, JSON-LD): already escaped. */
  readonly head: string;
  /** Markup for inside <div id="root">: already escaped. */
  readonly body: string;
  /** What the page is (`product`, `category`): the app's takeover looks for the attribute. */
  readonly kind: string;
}

export function fillShell(shell: string, content: ShellContent): string {
  checkShell(shell);
  const kind = content.kind.replace(/[^a-z-]/g, '');
  return appCodeAfterContent(startAppAfterFirstPaint(shell))
    .replace(TITLE, '')
    .replace(DESCRIPTION, '')
    .replace('</head>', () => `${content.head}\n  </head>`)
    .replace(EMPTY_ROOT, () => `<div id="root" data-prerendered="${kind}">${content.body}</div>`);
}
