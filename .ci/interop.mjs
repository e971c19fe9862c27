// Checks seedscope's Parquet export with DuckDB: run by .ci/interop (which
// copies it beside its node_modules). Arguments: the Parquet file, the
// partitioned tree, the JSON of `seedscope providers --by name` and of
// `seedscope topics`, docs/export.md, and whether to print the README's
// example queries. Exits 1 when a check fails.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [file, tree, providersJSON, topicsJSON, exportDoc, examples] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run("SET TimeZone = 'UTC'");
const rows = async (q) => (await c.runAndReadAll(q)).getRowObjectsJson();
let failed = 0;
const check = (what, ok, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failed++;
};
const lit = (s) => `'${s.replaceAll("'", "''")}'`;
const src = `read_parquet(${lit(file)})`;

// DESCRIBE: every top-level column, of the type docs/export.md lists.
const want = new Map();
for (const line of readFileSync(exportDoc, 'utf8').split('\n')) {
  const m = line.match(/^\| `([A-Za-z]+)` \| [^|]+ \| [^|]+ \| ([^|]+) \|/);
  if (m) want.set(m[1], m[2].trim());
}
const described = await rows(`DESCRIBE SELECT * FROM ${src}`);
const unquote = (t) => t.replaceAll('"', '');
check('DESCRIBE has the documented columns, in order',
  JSON.stringify(described.map((r) => r.column_name)) === JSON.stringify([...want.keys()]),
  described.map((r) => r.column_name).join(', '));
for (const r of described) {
  const w = want.get(r.column_name);
  const got = unquote(r.column_type);
  const ok = w === 'STRUCT(…)' ? got.startsWith('STRUCT(') && !got.endsWith('[]')
    : w === 'STRUCT(…)[]' ? got.startsWith('STRUCT(') && got.endsWith('[]')
    : got === w;
  check(`DESCRIBE ${r.column_name}`, ok, got);
}
const nested = Object.fromEntries(described.map((r) => [r.column_name, unquote(r.column_type)]));
check('related is LIST<STRUCT<…, target>>', /^STRUCT\(.*target VARCHAR\)\[\]$/.test(nested.related), nested.related);

// Counts per provider: seedscope providers --by name groups names that
// differ only in case or spacing (the names field lists them); DuckDB
// counts each name, summed into its group. Rows without names are keyed
// by domain (documents without a name, or whose name looks like a domain:
// UPI.com); their counts must add up to DuckDB's count of those documents.
const total = Number((await rows(`SELECT count(*) AS n FROM ${src}`))[0].n);
const provs = JSON.parse(readFileSync(providersJSON, 'utf8'));
const norm = (n) => n.toLowerCase().replace(/\s+/g, ' ').trim();
const group = new Map();
for (const p of provs) for (const n of p.names) group.set(norm(n), p.value);
const duckProv = new Map();
let byDomain = 0;
for (const r of await rows(`SELECT provider.name AS name, count(*) AS n FROM ${src} WHERE coalesce(provider.name, provider.domain, '') <> '' GROUP BY 1`)) {
  const g = r.name === null ? undefined : group.get(norm(r.name));
  if (g === undefined) byDomain += Number(r.n);
  else duckProv.set(g, (duckProv.get(g) ?? 0) + Number(r.n));
}
const named = provs.filter((p) => p.names.length > 0);
const provBad = named.filter((p) => duckProv.get(p.value) !== p.count).map((p) => `${p.value}: ${p.count} vs ${duckProv.get(p.value)}`);
check(`counts per provider (${named.length} named providers, ${total} documents)`, provBad.length === 0, provBad.slice(0, 5).join('; '));
const domainRows = provs.filter((p) => p.names.length === 0);
const domainSum = domainRows.reduce((a, p) => a + p.count, 0);
check(`providers keyed by domain (${domainRows.length} rows) add up`, domainSum === byDomain, `${domainSum} vs ${byDomain}`);

// Counts per topic: documents per topic.
const topics = JSON.parse(readFileSync(topicsJSON, 'utf8'));
const duckTop = new Map();
for (const r of await rows(`SELECT t, count(DISTINCT id || path) AS n FROM (SELECT id, path, unnest(topics) AS t FROM ${src}) GROUP BY t`)) duckTop.set(r.t, Number(r.n));
const topBad = topics.filter((t) => duckTop.get(t.value) !== t.count).map((t) => `${t.value}: ${t.count} vs ${duckTop.get(t.value)}`);
check(`counts per topic (${topics.length} topics)`, topBad.length === 0 && duckTop.size === topics.length, topBad.slice(0, 5).join('; ') + (duckTop.size !== topics.length ? ` ${duckTop.size} topics in DuckDB` : ''));

// The partitioned tree holds the same documents, by year.
const hive = `read_parquet(${lit(tree + '/**/*.parquet')}, hive_partitioning = true)`;
const byYearTree = await rows(`SELECT year, count(*) AS n FROM ${hive} GROUP BY 1 ORDER BY 1`);
const byYearFile = await rows(`SELECT year(publishedAt AT TIME ZONE 'UTC') AS year, count(*) AS n FROM ${src} GROUP BY 1 ORDER BY 1`);
check('hive tree: counts per year = the file\'s', JSON.stringify(byYearTree) === JSON.stringify(byYearFile), JSON.stringify(byYearTree).slice(0, 200));

if (examples === 'examples') {
  // The queries as the README shows them: corpus.parquet and tree/ stand
  // for the files just written.
  const show = async (title, q) => {
    console.log(`\n-- ${title}\n${q}`);
    const rs = await rows(q.replaceAll("'corpus.parquet'", src).replaceAll("'tree/**/*.parquet'", lit(tree + '/**/*.parquet')));
    const cols = rs.length ? Object.keys(rs[0]) : [];
    const cell = (v) => (v === null ? 'NULL' : String(v));
    const width = cols.map((k) => Math.max(k.length, ...rs.map((r) => [...cell(r[k])].length)));
    const line = (vals) => vals.map((v, i) => v.padEnd(width[i])).join('  ').trimEnd();
    console.log(line(cols));
    console.log(line(width.map((w) => '-'.repeat(w))));
    for (const r of rs) console.log(line(cols.map((k) => cell(r[k]))));
  };
  await show('documents per provider and month (top 5)',
    `SELECT provider.name AS provider, strftime(publishedAt, '%Y-%m') AS month, count(*) AS docs
FROM 'corpus.parquet' GROUP BY ALL ORDER BY docs DESC LIMIT 5`);
  await show('a topic filter',
    `SELECT count(*) AS docs FROM 'corpus.parquet' WHERE list_contains(topics, 'AI')`);
  await show('related items joined back to the documents they lead to: the most linked-to',
    `SELECT left(t.title, 60) AS title, count(*) AS links_in
FROM (SELECT id, unnest(related) AS r FROM 'corpus.parquet') AS d
JOIN 'corpus.parquet' AS t ON t.id = d.r.target
GROUP BY ALL ORDER BY links_in DESC, title LIMIT 5`);
  await show('the hive tree, by year',
    `SELECT year, count(*) AS docs FROM read_parquet('tree/**/*.parquet', hive_partitioning = true)
GROUP BY year ORDER BY year`);
}
process.exit(failed ? 1 : 0);
