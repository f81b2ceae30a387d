#!/usr/bin/env node
// The element reference in docs/embedding.md, rendered from custom-elements.json (`npm run manifest`), so the
// tables an integrator reads are the elements' own JSDoc and cannot drift from the code.
//
//   node scripts/element-docs.mjs            rewrites the part between the markers
//   node scripts/element-docs.mjs --check    exits 1 when the committed part differs (test/docs runs this)
//   --doc=<file> --manifest=<file>           other paths (the test uses them to prove a stale table fails)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const START = '<!-- elements:start -->';
export const END = '<!-- elements:end -->';

/** One table cell: a single line, pipes escaped (GitHub also honours `\|` inside code spans). */
function cell(text) {
  const value = String(text ?? '').trim();
  return value === '' ? '—' : value.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function code(text) {
  return text ? `\`${text}\`` : '';
}

function table(headers, rows) {
  if (rows.length === 0) return [];
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''];
}

/** What the manifest says of an attribute it has no description for: where it comes from. */
function inherited(attribute) {
  return attribute.inheritedFrom ? `Inherited from \`${attribute.inheritedFrom.name}\`.` : '';
}

/** Public fields, each with its attribute when it has one, then attributes without a field (`lang`). */
function attributesAndProperties(decl) {
  const fields = (decl.members ?? []).filter((m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public');
  const rows = fields.map((m) => [
    code(m.attribute),
    code(m.name) + (m.readonly ? ' (read-only)' : ''),
    code(m.type?.text),
    code(m.default),
    m.description,
  ]);
  const withField = new Set(fields.map((m) => m.attribute).filter(Boolean));
  for (const a of decl.attributes ?? []) {
    if (!withField.has(a.name)) rows.push([code(a.name), '', code(a.type?.text), code(a.default), a.description || inherited(a)]);
  }
  return table(['attribute', 'property', 'type', 'default', 'description'], rows);
}

function renderElement(decl) {
  const lines = [`### \`<${decl.tagName}>\``, ''];
  if (decl.summary) lines.push(decl.summary.trim(), '');
  if (decl.description) lines.push(decl.description.trim().replace(/\s*\n\s*/g, ' '), '');
  lines.push(...attributesAndProperties(decl));
  lines.push(
    ...table(
      ['event', 'description'],
      (decl.events ?? []).map((e) => [code(e.name), e.description]),
    ),
  );
  lines.push(
    ...table(
      ['slot', 'description'],
      (decl.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', s.description]),
    ),
  );
  lines.push(
    ...table(
      ['CSS part', 'description'],
      (decl.cssParts ?? []).map((p) => [code(`::part(${p.name})`), p.description]),
    ),
  );
  lines.push(
    ...table(
      ['CSS custom property', 'default', 'description'],
      (decl.cssProperties ?? []).map((p) => [code(p.name), code(p.default), p.description]),
    ),
  );
  return lines.join('\n').trimEnd();
}

/** The markdown between the markers: one part per element, in the manifest's order. */
export function renderElements(manifest) {
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
  if (elements.length === 0) throw new Error('custom-elements.json lists no elements: run `npm run manifest` first');
  return elements.map(renderElement).join('\n\n');
}

/** `doc` with the part between the markers replaced by `body`; throws when a marker is missing. */
export function spliceSection(doc, body) {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the markers ${START} and ${END} are missing or out of order`);
  return `${doc.slice(0, start + START.length)}\n\n${body}\n\n${doc.slice(end)}`;
}

function option(name, fallback) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? path.resolve(arg.slice(name.length + 3)) : fallback;
}

function main() {
  const docPath = option('doc', path.join(root, 'docs/embedding.md'));
  const manifestPath = option('manifest', path.join(root, 'custom-elements.json'));
  const doc = readFileSync(docPath, 'utf8');
  const next = spliceSection(doc, renderElements(JSON.parse(readFileSync(manifestPath, 'utf8'))));
  const shown = path.relative(process.cwd(), docPath);
  if (process.argv.includes('--check')) {
    if (next !== doc) {
      console.error(
        `${shown}: the element reference differs from custom-elements.json. Run \`node scripts/element-docs.mjs\` and commit the result.`,
      );
      process.exit(1);
    }
    console.log(`${shown}: the element reference matches custom-elements.json.`);
    return;
  }
  if (next !== doc) writeFileSync(docPath, next);
  console.log(`${shown}: element reference ${next === doc ? 'unchanged' : 'written'}.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
