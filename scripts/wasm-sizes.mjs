// Where the wasm's bytes go, by crate: reads a wasm built with a name section (scripts/figures.sh
// makes one from Trunk's wasm-bindgen output with `wasm-opt -Oz -g`) and sums the shallow size of
// every function body per crate (yomikurabe_core and yomikurabe_web per module), then the data
// segments and the other sections. Node built-ins only; prints a table.
//
//   node scripts/wasm-sizes.mjs FILE.wasm [--top N] [--data N] [--corpus DIR] [--same-as SHIPPED.wasm] [--list GROUP] [--only-top N]
//
// A function is counted for the first crate named in its (demangled) name that is not the standard
// library, so `core::ptr::drop_in_place<yew::…>` and `<alloc::vec::Vec<yomikurabe_core::…> as …>`
// count for yew and yomikurabe_core: a generic of std instantiated for a crate counts for that
// crate. Only names made of std/core/alloc alone count for std. Sizes are raw (uncompressed) bytes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !['--top', '--list', '--data', '--corpus', '--same-as', '--only-top'].includes(args[i - 1]));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 0;
const dataIndex = args.indexOf('--data');
const dataTop = dataIndex >= 0 ? Number(args[dataIndex + 1]) : 5;
const opt = (flag) => (args.indexOf(flag) >= 0 ? args[args.indexOf(flag) + 1] : null);
const sameAs = opt('--same-as');
const onlyTop = Number(opt('--only-top') || 0);
const corpusIndex = args.indexOf('--corpus');
const corpusDir = corpusIndex >= 0 ? args[corpusIndex + 1] : null;
const listIndex = args.indexOf('--list');
const list = listIndex >= 0 ? args[listIndex + 1] : null;
if (!file) {
  console.error('usage: node scripts/wasm-sizes.mjs FILE.wasm [--top N] [--data N] [--corpus DIR] [--same-as SHIPPED.wasm] [--list GROUP] [--only-top N]');
  process.exit(2);
}
const buf = fs.readFileSync(file);

let pos = 0;
const u8 = () => buf[pos++];
const leb = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = u8();
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return result;
  }
};
const str = () => {
  const n = leb();
  const s = buf.toString('utf8', pos, pos + n);
  pos += n;
  return s;
};

if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file} is not a wasm module`);
pos = 8;
const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'data count', 'tag'];
const sections = []; // { name, size }
let importedFuncs = 0;
const bodies = []; // size of each function body (with its size prefix), by defined index
const bodyAt = []; // where each body starts in the file
const dataSegments = []; // size of each data segment's bytes
const names = new Map(); // function index -> name
const dataNames = new Map(); // data segment index -> name
while (pos < buf.length) {
  const sectionStart = pos;
  const id = u8();
  const size = leb();
  const start = pos;
  const end = pos + size;
  let name = SECTIONS[id] || `section ${id}`;
  if (id === 0) name = `custom "${str()}"`;
  if (id === 2) {
    for (let n = leb(), i = 0; i < n; i++) {
      str();
      str();
      const kind = u8();
      if (kind === 0) {
        leb();
        importedFuncs++;
      } else if (kind === 1) {
        u8();
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) {
        u8();
        u8();
      } else if (kind === 4) {
        u8();
        leb();
      }
    }
  } else if (id === 10) {
    for (let n = leb(), i = 0; i < n; i++) {
      const at = pos;
      const body = leb();
      pos += body;
      bodies.push(pos - at);
      bodyAt.push(at);
    }
  } else if (id === 11) {
    for (let n = leb(), i = 0; i < n; i++) {
      const flags = leb();
      if (flags === 2) leb();
      if (flags === 0 || flags === 2) {
        // The offset expression: skip to its `end` (0x0b); constants are LEB-encoded.
        for (let op = u8(); op !== 0x0b; op = u8()) {
          if (op === 0x41 || op === 0x42 || op === 0x23) leb();
        }
      }
      const len = leb();
      dataSegments.push({ size: len, at: pos });
      pos += len;
    }
  } else if (name === 'custom "name"') {
    while (pos < end) {
      const sub = u8();
      const len = leb();
      const subEnd = pos + len;
      if (sub === 1 || sub === 9) {
        for (let n = leb(), i = 0; i < n; i++) {
          const idx = leb();
          (sub === 1 ? names : dataNames).set(idx, str());
        }
      }
      pos = subEnd;
    }
  }
  sections.push({ name, size: end - start, from: sectionStart, to: end });
  pos = end;
}

const STD = new Set(['std', 'core', 'alloc', 'compiler_builtins', 'dlmalloc', '__rustc', 'std_detect', 'rustc_demangle']);
const STD_GROUP = 'std/core/alloc (+ dlmalloc, libm)';
/** Crate (and, for the app's crates, module) a function name counts for. */
function groupOf(raw) {
  if (raw === undefined) return '(no name)';
  // Names from the precompiled standard library carry a crate disambiguator (`core[c593…]::`):
  // they, and the crates it bundles (hashbrown, dlmalloc…), count as the standard library.
  const sysroot = new Set();
  for (const m of raw.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\[[0-9a-f]+\]::/g)) sysroot.add(m[1]);
  const name = raw.replace(/\[[0-9a-f]+\]::/g, '::');
  if (/^(__wbg|__wbindgen|__externref|wasm_bindgen|Closure\(|Ref\(|.* externref shim$)/.test(name)) return 'wasm-bindgen (glue)';
  const roots = [];
  // Path roots: an identifier followed by `::` that does not itself follow `::`.
  for (const m of name.matchAll(/(^|[^:A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)::/g)) roots.push({ root: m[2], at: m.index + m[1].length });
  const own = roots.find((r) => !STD.has(r.root) && !sysroot.has(r.root));
  // No crate path at all: std's inherent impls on primitives (`<str>::to_lowercase`), libm and
  // the memory functions (`logf`, `memcmp`), the `main` shim.
  if (!own) return STD_GROUP;
  if (own.root === 'yomikurabe_core' || own.root === 'yomikurabe_web') {
    const rest = /^[A-Za-z_][A-Za-z0-9_]*::([A-Za-z_][A-Za-z0-9_]*)/.exec(name.slice(own.at));
    const module = rest && /^[a-z_0-9]+$/.test(rest[1]) ? `::${rest[1]}` : '';
    return `${own.root}${module}`;
  }
  if (own.root === 'wasm_bindgen_futures') return 'wasm-bindgen (glue)';
  // Yew's generic component lifecycle with a component's view inlined; the legacy symbol names of
  // the crates built here do not say which component (COMP).
  if (own.root === 'yew' && name.includes('CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::view')) {
    return 'yew CompStateInner::view (components inlined, unnamed)';
  }
  return own.root;
}

const code = bodies.reduce((a, b) => a + b, 0);
const groups = new Map();
const items = [];
bodies.forEach((size, i) => {
  const name = names.get(importedFuncs + i);
  const g = groupOf(name);
  const e = groups.get(g) || { bytes: 0, functions: 0, parts: [] };
  e.bytes += size;
  e.functions += 1;
  e.parts.push(buf.subarray(bodyAt[i], bodyAt[i] + size));
  groups.set(g, e);
  items.push({ name: name ?? `code[${i}]`, size, group: g });
});
const data = dataSegments.reduce((a, b) => a + b.size, 0);
const nameSection = sections.find((s) => s.name === 'custom "name"')?.size || 0;
const shipped = buf.length - nameSection;
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const pct = (b) => `${((100 * b) / shipped).toFixed(1)}%`;
/** Columns a string takes in a terminal (East Asian wide characters take two). */
const width = (s) => [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
const pad = (s, n) => String(s) + ' '.repeat(Math.max(0, n - width(String(s))));
const lpad = (s, n) => String(s).padStart(n);
const cut = (s, n) => {
  let out = '';
  for (const c of s) {
    if (width(out + c) > n - 1) return out + '…';
    out += c;
  }
  return out;
};
/** gzip -9 size of some bytes on their own (a group's share of the compressed wasm, roughly). */
const gz = (parts) => zlib.gzipSync(Buffer.concat(parts), { level: 9 }).length;

if (onlyTop > 0) {
  for (const it of items.sort((a, b) => b.size - a.size).slice(0, onlyTop)) {
    console.log(`${lpad(kb(it.size), 10)} ${pct(it.size).padStart(6)}  ${cut(it.name, 100)}`);
  }
  process.exit(0);
}
if (sameAs) {
  // The named wasm without its name section, byte for byte against the shipped one.
  const kept = sections.filter((s) => s.name !== 'custom "name"').map((s) => buf.subarray(s.from, s.to));
  const stripped = Buffer.concat([buf.subarray(0, 8), ...kept]);
  const other = fs.readFileSync(sameAs);
  console.log(
    stripped.equals(other)
      ? `(the named wasm without its name section is byte for byte ${path.basename(sameAs)}: these are the shipped bytes)`
      : `(WARNING: the named wasm without names is ${stripped.length} bytes, ${path.basename(sameAs)} ${other.length}: ` +
          'they differ, the figures below are of another build; run trunk build --release again)',
  );
}
console.log(`${pad('code by crate (raw bytes; share of the wasm without names)', 62)} ${lpad('size', 10)} ${lpad('share', 6)} ${lpad('funcs', 6)} ${lpad('gz alone', 9)}`);
const rows = [...groups.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
let small = { bytes: 0, functions: 0, groups: 0, parts: [] };
for (const [g, e] of rows) {
  if (e.bytes < 1024) {
    small = { bytes: small.bytes + e.bytes, functions: small.functions + e.functions, groups: small.groups + 1, parts: small.parts.concat(e.parts) };
    continue;
  }
  console.log(`  ${pad(g, 60)} ${lpad(kb(e.bytes), 10)} ${lpad(pct(e.bytes), 6)} ${lpad(e.functions, 6)} ${lpad(kb(gz(e.parts)), 9)}`);
}
if (small.groups) {
  console.log(`  ${pad(`${small.groups} more groups under 1 KB each`, 60)} ${lpad(kb(small.bytes), 10)} ${lpad(pct(small.bytes), 6)} ${lpad(small.functions, 6)} ${lpad(kb(gz(small.parts)), 9)}`);
}
const codeParts = bodyAt.map((at, i) => buf.subarray(at, at + bodies[i]));
const dataParts = dataSegments.map((seg) => buf.subarray(seg.at, seg.at + seg.size));
console.log(`  ${pad('all code', 60)} ${lpad(kb(code), 10)} ${lpad(pct(code), 6)} ${lpad(bodies.length, 6)} ${lpad(kb(gz(codeParts)), 9)}`);
console.log(`${pad(`data segments (${dataSegments.length})`, 64)} ${lpad(kb(data), 10)} ${lpad(pct(data), 6)} ${lpad('', 6)} ${lpad(kb(gz(dataParts)), 9)}`);
if (corpusDir) {
  // The embedded corpus: each text found whole in the data.
  const texts = fs.readdirSync(corpusDir).filter((f) => /\.(txt|md)$/.test(f)).sort();
  const found = texts.map((f) => fs.readFileSync(path.join(corpusDir, f))).filter((t) => buf.indexOf(t) >= 0);
  const bytes = found.reduce((a, t) => a + t.length, 0);
  console.log(`  ${pad(`of which the embedded corpus (${found.length} of ${texts.length} texts in ${corpusDir})`, 60)} ${lpad(kb(bytes), 10)} ${lpad(pct(bytes), 6)} ${lpad('', 6)} ${lpad(kb(gz(found)), 9)}`);
}
/** The longest run of text in a segment's first 64 KB (what the segment holds, roughly). */
const preview = (seg) => {
  const text = buf.toString('utf8', seg.at, seg.at + Math.min(seg.size, 65536));
  const runs = text.match(/[^\u0000-\u001f\u007f\ufffd]{4,}/g) || [];
  const longest = runs.reduce((a, r) => (r.length > a.length ? r : a), '');
  return longest ? `“${longest.replace(/\s+/g, ' ').slice(0, 40)}”` : '(binary)';
};
const big = dataSegments.map((seg, i) => ({ ...seg, name: dataNames.get(i) || `data[${i}]` })).sort((a, b) => b.size - a.size);
for (const seg of big.slice(0, dataTop)) {
  const part = buf.subarray(seg.at, seg.at + seg.size);
  console.log(`  ${pad(cut(`${seg.name}: ${preview(seg)}`, 60), 60)} ${lpad(kb(seg.size), 10)} ${lpad(pct(seg.size), 6)} ${lpad('', 6)} ${lpad(kb(gz([part])), 9)}`);
}
const other = shipped - code - data;
console.log(`${pad('other sections and framing (types, imports, exports, table…)', 64)} ${lpad(kb(other), 10)} ${lpad(pct(other), 6)}`);
console.log(`${pad('total (the name section left out, as shipped)', 64)} ${lpad(kb(shipped), 10)}   name section ${kb(nameSection)}`);
if (!names.size) console.log('(this wasm has no function names: every function is "(no name)")');

if (top > 0) {
  console.log(`\ntop ${top} functions by shallow size (raw bytes):`);
  for (const it of items.sort((a, b) => b.size - a.size).slice(0, top)) {
    console.log(`${lpad(it.size, 8)}  ${pct(it.size).padStart(6)}  ${cut(it.name, 110)}`);
  }
}

if (list) {
  console.log(`\nfunctions of ${list} by shallow size (raw bytes):`);
  for (const it of items.filter((x) => x.group === list).sort((a, b) => b.size - a.size)) console.log(`${lpad(it.size, 8)}  ${it.name}`);
}
