// Every relative link in the repo's Markdown (README, CONTRIBUTING, docs/) must lead somewhere: the file
// exists and, with a `#anchor`, the target has a heading with that GitHub slug. A reader who follows a
// link from the README into docs/ must not land on a 404 or the top of the wrong page. External links
// are not fetched (no network in tests).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const SKIPPED_DIRS = new Set(['node_modules', '.wrangler', '.git', 'dist', 'public', 'test-results']);

/** Every *.md under `dir`, skipping generated and installed folders. */
function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...markdownFiles(path.join(dir, entry.name)));
    } else if (entry.name.endsWith('.md')) {
      out.push(path.join(dir, entry.name));
    }
  }
  return out;
}

/** The text with fenced code blocks and inline code blanked out (newlines kept, so line numbers hold). */
function withoutCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank).replace(/(`+)[^`\n]*?\1/g, blank);
}

/** GitHub's heading slug: lowercase, punctuation dropped (but `-` and `_`), each space a `-`. */
export function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link in a heading counts by its text
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a Markdown file offers: its headings' slugs (a repeated one gets -1, -2, …) and `<a id>`s. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1]!);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      out.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1]!);
  }
  return out;
}

interface Link {
  file: string;
  line: number;
  target: string;
}

/** Relative links of one file: `[..](path)`, `[..](path#anchor)`, `(#anchor)`, and `<img src>` / `<a href>`. */
function relativeLinks(file: string): Link[] {
  const text = withoutCode(readFileSync(file, 'utf8'));
  const out: Link[] = [];
  const patterns = [/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, /<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"/g];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // http(s), mailto: not fetched
      out.push({ file, line: text.slice(0, m.index).split('\n').length, target });
    }
  }
  return out;
}

/** `file:line → link (why)` for every relative link that leads nowhere. */
function deadLinks(files: string[], base: string): string[] {
  const anchorCache = new Map<string, Set<string>>();
  const anchorsOf = (file: string) => {
    if (!anchorCache.has(file)) anchorCache.set(file, anchors(readFileSync(file, 'utf8')));
    return anchorCache.get(file)!;
  };
  const dead: string[] = [];
  for (const file of files) {
    for (const link of relativeLinks(file)) {
      const [pathPart = '', anchor] = link.target.split('#') as [string, string | undefined];
      const target = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
      const where = `${path.relative(base, file)}:${link.line} → ${link.target}`;
      let isFile = false;
      try {
        isFile = statSync(target).isFile();
      } catch {
        dead.push(`${where} (no such file)`);
        continue;
      }
      if (anchor === undefined || anchor === '') continue;
      if (!isFile || !target.endsWith('.md')) dead.push(`${where} (an anchor into something that is not a Markdown file)`);
      else if (!anchorsOf(target).has(anchor)) dead.push(`${where} (no heading with that anchor in ${path.relative(base, target)})`);
    }
  }
  return dead;
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('Markdown links', () => {
  it('finds the README, CONTRIBUTING and the docs folder', () => {
    const files = markdownFiles(root).map((f) => path.relative(root, f));
    expect(files).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/admin-api.md', 'docs/embedding.md']));
    expect(files.some((f) => f.includes('node_modules'))).toBe(false);
  });

  it('has no relative link to a missing file or anchor', () => {
    expect(deadLinks(markdownFiles(root), root)).toEqual([]);
  });

  it('reports a dead file link and a dead anchor with file and line', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sfa-links-'));
    temps.push(dir);
    writeFileSync(
      path.join(dir, 'a.md'),
      '# A\n\n## Errors and `codes`\n\nSee [b](b.md), [gone](gone.md),\n[ok](#errors-and-codes) and [bad](#nope).\n',
    );
    writeFileSync(path.join(dir, 'b.md'), '# B\n\n[back](a.md#errors-and-codes), [wrong](a.md#errors)\n\n```md\n[in code](ignored.md)\n```\n');
    expect(deadLinks(markdownFiles(dir), dir)).toEqual([
      'a.md:5 → gone.md (no such file)',
      'a.md:6 → #nope (no heading with that anchor in a.md)',
      'b.md:3 → a.md#errors (no heading with that anchor in a.md)',
    ]);
  });

  it('slugs headings as GitHub does', () => {
    expect(slug('Errors and codes')).toBe('errors-and-codes');
    expect(slug('`GET /login/token/{jwt}` — Customer Login SSO')).toBe('get-logintokenjwt--customer-login-sso');
    expect(slug('Design decisions beyond DESIGN.md')).toBe('design-decisions-beyond-designmd');
    expect(slug('Apps (`/v3/apps`)')).toBe('apps-v3apps');
    expect([...anchors('## Configuration\n## Configuration\n## Configuration\n')]).toEqual(['configuration', 'configuration-1', 'configuration-2']);
  });
});
