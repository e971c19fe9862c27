package columnar

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/atomicfile"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/record"
)

func openSQLite(t *testing.T, docs []*corpus.Document) *sql.DB {
	t.Helper()
	name := filepath.Join(t.TempDir(), "corpus.db")
	if err := WriteSQLite(context.Background(), name, eachOf(docs)); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryStrings(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	return out
}

func want(t *testing.T, what string, got []string, w ...string) {
	t.Helper()
	if !slices.Equal(got, w) {
		t.Errorf("%s = %q, want %q", what, got, w)
	}
}

func TestSQLiteTablesFromFieldTable(t *testing.T) {
	db := openSQLite(t, testDocs())
	cols := queryStrings(t, db, `SELECT name || ' ' || type FROM pragma_table_info('docs') ORDER BY cid`)
	var w []string
	w = append(w, "n INTEGER")
	for _, f := range corpus.DocumentFields.Infos() {
		w = append(w, f.Name+" "+SQLType(f))
	}
	want(t, "docs columns", cols, w...)
	rel, _ := record.Lookup(corpus.DocumentFields.Infos(), "related")
	w = []string{"from TEXT", "n INTEGER"}
	for _, f := range rel.Sub {
		w = append(w, f.Name+" "+SQLType(f))
	}
	want(t, "links columns", queryStrings(t, db, `SELECT name || ' ' || type FROM pragma_table_info('links') ORDER BY cid`), w...)
	want(t, "types", queryStrings(t, db, `SELECT typeof(quality) || ' ' || typeof(words) || ' ' || typeof(published) || ' ' || typeof(heat) FROM docs WHERE id = 'a'`), "real integer integer null")
}

func TestSQLiteQueries(t *testing.T) {
	db := openSQLite(t, testDocs())
	want(t, "counts", queryStrings(t, db, `SELECT (SELECT count(*) FROM docs) || ' ' || (SELECT count(*) FROM links) || ' ' || (SELECT count(*) FROM topics)`), "3 3 3")
	// Lists are JSON text: json_each reads them.
	want(t, "json_each(topics)", queryStrings(t, db, `SELECT j.value FROM docs, json_each(docs.topics) AS j WHERE docs.id = 'a' ORDER BY j.key`), "AI", "AWS AI")
	want(t, "docs per topic", queryStrings(t, db, `SELECT topic || '=' || count(DISTINCT doc) FROM topics GROUP BY topic ORDER BY topic`), "AI=1", "AWS AI=1", "x=1")
	want(t, "provider", queryStrings(t, db, `SELECT json_extract(provider, '$.name') FROM docs ORDER BY n`), "Wired", "", "")
	want(t, "related target", queryStrings(t, db, `SELECT d.path FROM links l JOIN docs d ON d.id = l.target WHERE l."from" = 'a'`), "b.txt")
	want(t, "related images", queryStrings(t, db, `SELECT json_array_length(images) FROM links WHERE "from" = 'a' ORDER BY n`), "2", "0")
	want(t, "time", queryStrings(t, db, `SELECT publishedAt FROM docs WHERE id = 'a'`), "2020-03-04T05:06:07+02:00")
	want(t, "extra", queryStrings(t, db, `SELECT json_extract(extra, '$.k[1]') FROM docs WHERE id = 'a'`), "two")
	// The full-text index, declared as Datasette and sqlite-utils look
	// for it, answers MATCH queries joined back to docs by rowid.
	decl := queryStrings(t, db, `SELECT sql FROM sqlite_master WHERE name = 'docs_fts'`)
	if len(decl) != 1 || !strings.Contains(decl[0], `content="docs"`) || !strings.Contains(decl[0], `content_rowid="n"`) {
		t.Errorf("FTS declaration = %q", decl)
	}
	want(t, "MATCH", queryStrings(t, db, `SELECT docs.id FROM docs_fts JOIN docs ON docs.n = docs_fts.rowid WHERE docs_fts MATCH 'text OR alpha' ORDER BY docs.id`), "a", "b")
	want(t, "MATCH title", queryStrings(t, db, `SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'title:alpha'`), "1")
	want(t, "indexes", queryStrings(t, db, `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`),
		"docs_id", "docs_provider_name", "links_from", "links_target", "topics_doc", "topics_topic")
}

// TestSQLiteAtomic: a failed export leaves the old database as it was,
// and no temporary file.
func TestSQLiteAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "corpus.db")
	if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	target, err := atomicfile.Resolve(name)
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err = target.WritePath(context.Background(), func(tmp string) error {
		return WriteSQLite(context.Background(), tmp, func(write func(*corpus.Document) error) error {
			if err := write(testDocs()[0]); err != nil {
				return err
			}
			return boom
		})
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if b, _ := os.ReadFile(name); string(b) != "old" {
		t.Errorf("old file now %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	// And a good one replaces it.
	if err := target.WritePath(context.Background(), func(tmp string) error { return WriteSQLite(context.Background(), tmp, eachOf(testDocs())) }); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(name)
	head := make([]byte, 15)
	io.ReadFull(f, head)
	f.Close()
	if string(head) != "SQLite format 3" {
		t.Errorf("new file starts %q", head)
	}
}
