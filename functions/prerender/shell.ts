/**
 * Puts a prerendered page into the web app's own index.html (the "shell": in AWS the deployed, built
 * index.html with its hashed script and stylesheet; locally web/index.html), so the page loads the same
 * app that then takes over (web/src/main.tsx). The shell's generic <title> and description make way for
 * the page's; the page's markup goes inside <div id="root">, marked `data-prerendered`.
 */
const TITLE = /<title>[\s\S]*?<\/title>\s*/i;
const DESCRIPTION = /<meta\s+name="description"[^>]*>\s*/i;
const EMPTY_ROOT = /<div id="root"><\/div>/;

export class ShellError extends Error {}

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
  return shell
    .replace(TITLE, '')
    .replace(DESCRIPTION, '')
    .replace('</head>', () => `${content.head}\n  </head>`)
    .replace(EMPTY_ROOT, () => `<div id="root" data-prerendered="${kind}">${content.body}</div>`);
}
