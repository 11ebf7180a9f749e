// jsonld ships no type definitions; test/support/html-document.ts types the functions it uses.
declare module 'jsonld';
