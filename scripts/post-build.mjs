// Trunk post-build hook. (1) Moves the inline module script that loads the app into boot.js, so
// the page's Content-Security-Policy can allow scripts from the app's own files only, and has it
// load the module of the page the address names (3, below). (2) Writes
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
// (3) Which page this is, by the address's fragment: the facilitator's console (#facilitate) and
// the team lead's pages (#author, #cohort) are modules of their own (classic scripts, built as
// Trunk builds a worker), which the boot script loads instead of the app; the app's module is
// imported only for the trainer's page. Going to another page (a link, the browser's Back) loads
// the page again, so that page's module starts. The fragments are the app's `ui::pages` (kept
// equal by tests/structure.rs).
const staticImport = /^import init, \* as bindings from '([^']+)';$/m;
if (!staticImport.test(match[1])) throw new Error("Trunk's loader no longer imports the app as expected");
const app = match[1].trim().replace(staticImport, "const bindings = await import('$1');\nconst init = bindings.default;");
const boot = `const modules = {
  '#facilitate': { file: 'facilitator', name: "The facilitator's console" },
  '#author': { file: 'lead', name: "The author's page" },
  '#cohort': { file: 'lead', name: 'The cohort review' },
};
// A fragment that is not a page (the skip link's #main) leaves the page as it is.
const pageOf = (hash) =>
  hash in modules ? hash : hash === '' || hash === '#' || hash.startsWith('#run=') ? 'trainer' : null;
const here = pageOf(location.hash) ?? 'trainer';
addEventListener('hashchange', () => {
  const next = pageOf(location.hash);
  if (next !== null && next !== here) location.reload();
});
const own = modules[here];
if (own) {
  try {
    await new Promise((loaded, failed) => {
      const script = document.createElement('script');
      script.src = \`./\${own.file}.js\`;
      script.onload = loaded;
      script.onerror = () => failed(new Error(\`\${own.file}.js was not fetched\`));
      document.head.append(script);
    });
    await wasm_bindgen({ module_or_path: \`./\${own.file}_bg.wasm\` });
  } catch (e) {
    const note = document.createElement('p');
    note.setAttribute('role', 'alert');
    note.textContent = \`\${own.name} could not load (\${e.message}): check the connection and reload the page.\`;
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
