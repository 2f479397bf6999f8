// Times the wide run in WebAssembly under node (the same V8 as Chromium) and prints server-ticks
// per second, for scripts/bench.sh to set beside the native figure.
// Usage: node scripts/wasm-throughput.mjs FILE.wasm [servers] [hours]
import { readFileSync } from 'node:fs';

const [file, servers = '1000', hours = '24'] = process.argv.slice(2);
const module = await WebAssembly.compile(readFileSync(file));
// The library links wasm-bindgen; the wide run calls none of it, so any import left is a stub that
// fails loudly if it is ever reached.
const imports = {};
for (const { module: from, name } of WebAssembly.Module.imports(module)) {
  imports[from] ??= {};
  imports[from][name] = () => {
    throw new Error(`wide run called the import ${from}.${name}`);
  };
}
const { exports } = await WebAssembly.instantiate(module, imports);
const times = [];
let hash = 0n;
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  hash = exports.wide_run(Number(servers), Number(hours), 0);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[1] / 1000;
const ticks = Number(servers) * Number(hours) * 3600;
const hex = BigInt.asUintN(64, hash).toString(16).padStart(16, '0');
console.log(`wasm ${servers} servers x ${hours} h, quiet: ${(median * 1000).toFixed(0)} ms/run, ` +
  `${(ticks / median / 1e6).toFixed(1)} M server-ticks/s (hash ${hex})`);
console.log(`WASM_MTPS=${(ticks / median / 1e6).toFixed(2)}`);
