// Trunk post-build hook. (1) Moves the inline module script that loads the app into boot.js, so
// the page's Content-Security-Policy can allow scripts from the app's own files only, and has it
// load the facilitator's module instead in that window (3, below). (2) Writes
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
// (3) The page opened with #facilitate is the facilitator's console, its own module (a classic
// script, built as Trunk builds a worker): the boot script loads that one instead of the app, and
// the app's module is imported only when it is the app's window.
const staticImport = /^import init, \* as bindings from '([^']+)';$/m;
if (!staticImport.test(match[1])) throw new Error("Trunk's loader no longer imports the app as expected");
const app = match[1].trim().replace(staticImport, "const bindings = await import('$1');\nconst init = bindings.default;");
// The fragment is the app's `screens::facilitate::FRAGMENT` (tests/structure.rs keeps them equal).
const boot = `if (location.hash === '#facilitate') {
  try {
    await new Promise((loaded, failed) => {
      const script = document.createElement('script');
      script.src = './facilitator.js';
      script.onload = loaded;
      script.onerror = () => failed(new Error('facilitator.js was not fetched'));
      document.head.append(script);
    });
    await wasm_bindgen({ module_or_path: './facilitator_bg.wasm' });
  } catch (e) {
    const note = document.createElement('p');
    note.setAttribute('role', 'alert');
    note.textContent = \`The facilitator's console could not load (\${e.message}): check the connection and reload the page.\`;
    document.body.append(note);
    throw e;
  }
} else {
${app.replace(/^/gm, '  ')}
}
`;
writeFileSync(join(dir, 'boot.js'), boot + register);
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
