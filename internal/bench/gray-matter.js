// Parses every file under a folder with gray-matter and prints one JSON
// line per document (its path, front matter and content): the job
// `seedscope export --stream --format ndjson` does. Files are read in
// name order, as seedscope walks, and the output is written in 1 MiB
// chunks.
//
//   node seedscope-bench-gray-matter.js DIR off   # matter(text, {}): no cache
//   node seedscope-bench-gray-matter.js DIR on    # matter(text), as its README calls it
//
// gray-matter (index.js) keeps every parse in matter.cache, keyed by the
// file's whole text, when it is called without options, and keeps nothing
// when given an options object: "off" passes a fresh one for each file,
// and checks at the end that the cache is empty. In a corpus of distinct
// files the cache never hits, so "on" only holds every file's text and
// parse until the end.
"use strict";
const fs = require("fs"), path = require("path"), matter = require("gray-matter");

const [dir, mode] = process.argv.slice(2);
if (!dir || (mode !== "off" && mode !== "on")) {
  console.error("usage: node seedscope-bench-gray-matter.js DIR off|on");
  process.exit(2);
}
const cacheOff = mode === "off";
let chunks = [], size = 0, errors = 0;

function writeAll(s) {
  const b = Buffer.from(s);
  for (let off = 0; off < b.length; ) off += fs.writeSync(1, b, off);
}

function flush() {
  if (chunks.length) writeAll(chunks.join(""));
  chunks = [];
  size = 0;
}

function walk(d) {
  const entries = fs.readdirSync(d, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) {
      walk(p);
      continue;
    }
    if (!e.isFile()) continue;
    const text = fs.readFileSync(p, "utf8");
    let m;
    try {
      m = cacheOff ? matter(text, {}) : matter(text);
    } catch (err) {
      if (++errors <= 5) console.error(`${p}: ${err.message}`);
      continue;
    }
    const line = JSON.stringify({ path: p, data: m.data, content: m.content }) + "\n";
    chunks.push(line);
    size += line.length;
    if (size >= 1 << 20) flush();
  }
}

walk(dir);
flush();
const cached = Object.keys(matter.cache).length;
if (errors > 0) console.error(`gray-matter: ${errors} files failed to parse`);
if (cacheOff && cached !== 0) {
  console.error(`gray-matter: the cache holds ${cached} entries with options passed`);
  process.exit(3);
}
