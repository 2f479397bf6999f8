// Trunk post-build hook: moves the inline module script that loads the app into boot.js, so the
// page's Content-Security-Policy can allow scripts from the app's own files only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
const inline = /<script type="module"[^>]*>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) throw new Error('no inline module script found in index.html');
writeFileSync(join(dir, 'boot.js'), match[1].trim() + '\n');
writeFileSync(page, html.replace(inline, '<script type="module" src="./boot.js"></script>'));
