// Trunk post-build hook. (1) Moves the inline module script that loads the app into boot.js, so
// the page's Content-Security-Policy can allow scripts from the app's own files only. (2) Writes
// the service worker, sw.js, with the list of this build's files and a version made of their
// contents: the app then opens with no network after a first visit, and a new build (a new
// version) replaces the old one on the next load.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
const inline = /<script type="module"[^>]*>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) throw new Error('no inline module script found in index.html');
const register = `
// Offline: the service worker keeps this build's files (see sw.js). Registered once the page has
// loaded (the app's own start comes first); this runs after the app started, which may be after
// the load event.
if ('serviceWorker' in navigator) {
  const keep = () => navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('offline use unavailable:', e));
  if (document.readyState === 'complete') keep();
  else addEventListener('load', keep);
}
`;
writeFileSync(join(dir, 'boot.js'), match[1].trim() + '\n' + register);
writeFileSync(page, html.replace(inline, '<script type="module" src="./boot.js"></script>'));

const files = readdirSync(dir)
  .filter((name) => name !== 'sw.js' && statSync(join(dir, name)).isFile())
  .sort();
const version = createHash('sha256');
for (const name of files) version.update(name).update(readFileSync(join(dir, name)));
const list = ['./', ...files.map((name) => `./${name}`)];
const worker = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8')
  .replace('__VERSION__', `incident-trainer-${version.digest('hex').slice(0, 16)}`)
  .replace('__FILES__', JSON.stringify(list));
writeFileSync(join(dir, 'sw.js'), worker);
