/**
 * `npm run cost [-- <cdk.out folder>] [-- -c name=value …]`: the idle monthly cost of the app, read from the
 * synthesized templates. With a folder (e.g. after `npm run synth`) it reads that folder's templates;
 * otherwise it synthesizes the app with the given settings (default settings, a placeholder sender) first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatCostReport, idleMonthlyCost, type TemplateJson } from '../infra/idle-cost';
import { synthesizeApp } from '../infra/test-support/synth';

const args = process.argv.slice(2);
const settings: Record<string, string> = {};
let folder: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-c') {
    const [name, ...value] = args[++i]!.replace(/^farmacruz:/, '').split('=');
    settings[name!] = value.join('=');
  } else folder = args[i];
}

let templates: TemplateJson[];
if (folder) {
  const files = readdirSync(folder).filter((f) => f.endsWith('.template.json'));
  if (!files.length) throw new Error(`No *.template.json in ${folder}: run npm run synth first`);
  templates = files.map((f) => JSON.parse(readFileSync(path.join(folder, f), 'utf8')) as TemplateJson);
  console.log(`Templates: ${files.join(', ')}`);
} else {
  const synth = await synthesizeApp({ senderEmail: 'pedidos@farmacruz.example', ...settings }, { skipLambdaBundling: true });
  templates = [synth.mainTemplate.toJSON() as TemplateJson, synth.replicaTemplate.toJSON() as TemplateJson];
  console.log(`Synthesized with ${Object.keys(settings).length ? JSON.stringify(settings) : 'default settings'}`);
}
console.log(formatCostReport(idleMonthlyCost(templates)));
