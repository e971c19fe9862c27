package columnar

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, with FTS5

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/record"
)

// SQLType is the SQLite column type of one field: the one place a field
// kind meets an SQL type. Lists, objects and maps are JSON text, which
// SQLite's json_each and json_extract read.
func SQLType(f record.Info) string {
	switch f.Kind {
	case record.Integer, record.Boolean:
		return "INTEGER" // a boolean is 0 or 1
	case record.Number:
		return "REAL"
	case record.String, record.Time:
		return "TEXT" // a time as RFC 3339, as in JSON
	default:
		return "TEXT" // JSON
	}
}

// The tables of a SQLite export. Their columns come from the field
// tables: docs has a column per document field, links one per related
// field after the document's id and the item's place in its list.
const (
	DocsTable   = "docs"
	LinksTable  = "links"
	TopicsTable = "topics"
	FTSTable    = "docs_fts"
)

// FTSColumns are the document fields the full-text index covers.
var FTSColumns = []string{"title", "excerpt", "body"}

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// columnDefs declares a column per field.
func columnDefs(fields []record.Info) []string {
	var out []string
	for _, f := range fields {
		def := quote(f.Name) + " " + SQLType(f)
		if !f.Nullable {
			def += " NOT NULL"
		}
		out = append(out, def)
	}
	return out
}

// SQLiteSchema is the statements that create the tables (before the
// rows go in). Document ids are not declared unique: a.md and a.txt are
// two documents with id "a". docs."n" is the document's place in the
// export, and the rowid the full-text index refers to.
func SQLiteSchema() []string {
	docs := corpus.DocumentFields.Infos()
	rel, _ := record.Lookup(docs, "related")
	return []string{
		fmt.Sprintf("CREATE TABLE %s (\n  \"n\" INTEGER PRIMARY KEY,\n  %s\n)", DocsTable, strings.Join(columnDefs(docs), ",\n  ")),
		fmt.Sprintf("CREATE TABLE %s (\n  \"from\" TEXT NOT NULL,\n  \"n\" INTEGER NOT NULL,\n  %s\n)", LinksTable, strings.Join(columnDefs(rel.Sub), ",\n  ")),
		fmt.Sprintf("CREATE TABLE %s (\n  \"doc\" TEXT NOT NULL,\n  \"n\" INTEGER NOT NULL,\n  \"topic\" TEXT NOT NULL\n)", TopicsTable),
	}
}

// SQLiteIndexes is the statements that index the join keys and build the
// full-text index (after the rows are in: faster than row by row). The
// index is an external-content FTS5 table over docs, declared with
// content="docs" in double quotes: the form Datasette and sqlite-utils
// recognise as docs's full-text index.
func SQLiteIndexes() []string {
	cols := make([]string, len(FTSColumns))
	for i, c := range FTSColumns {
		cols[i] = quote(c)
	}
	return []string{
		`CREATE INDEX "docs_id" ON "docs" ("id")`,
		`CREATE INDEX "links_from" ON "links" ("from")`,
		`CREATE INDEX "topics_doc" ON "topics" ("doc")`,
		`CREATE INDEX "links_target" ON "links" ("target")`,
		`CREATE INDEX "topics_topic" ON "topics" ("topic")`,
		`CREATE INDEX "docs_provider_name" ON "docs" (json_extract("provider", '$.name'))`,
		fmt.Sprintf(`CREATE VIRTUAL TABLE %s USING fts5(%s, content="%s", content_rowid="n")`, quote(FTSTable), strings.Join(cols, ", "), DocsTable),
		fmt.Sprintf(`INSERT INTO %s (%s) VALUES ('rebuild')`, quote(FTSTable), quote(FTSTable)),
	}
}

func insertSQL(table string, lead []string, fields []record.Info) string {
	names := append([]string{}, lead...)
	for _, f := range fields {
		names = append(names, f.Name)
	}
	for i := range names {
		names[i] = quote(names[i])
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", quote(table), strings.Join(names, ", "),
		strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", "))
}

// sqlArgs appends r's fields as SQL values (nil for null).
func sqlArgs(args []any, r corpus.Fields, fields []record.Info) []any {
	for i, f := range fields {
		var v any
		switch f.Kind {
		case record.String:
			if s, ok := r.String(i); ok {
				v = s
			}
		case record.Integer:
			v = r.Int(i)
		case record.Number:
			if x, ok := r.Number(i); ok {
				v = x
			}
		case record.Boolean:
			if b, ok := r.Bool(i); ok {
				v = b
			}
		case record.Time:
			if t, ok := r.Time(i); ok {
				v = t.Format(time.RFC3339)
			}
		default:
			v = string(r.AppendJSON(nil, i))
		}
		args = append(args, v)
	}
	return args
}

// WriteSQLite writes the documents each gives to a new SQLite database
// at name (an empty or missing file), in one transaction.
func WriteSQLite(ctx context.Context, name string, each func(write func(*corpus.Document) error) error) (err error) {
	db, err := sql.Open("sqlite", name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}()
	db.SetMaxOpenConns(1)
	// The file is a temporary one until it is complete and renamed: no
	// journal to keep it consistent if the process stops.
	for _, p := range []string{"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -65536"} {
		if _, err := db.ExecContext(ctx, p); err != nil {
			return err
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	for _, s := range SQLiteSchema() {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%w: %s", err, s)
		}
	}
	docs := corpus.DocumentFields.Infos()
	relIdx, topicsIdx := fieldIndex(docs, "related"), fieldIndex(docs, "topics")
	relInfo := docs[relIdx]
	insDoc, err := tx.PrepareContext(ctx, insertSQL(DocsTable, []string{"n"}, docs))
	if err != nil {
		return err
	}
	insLink, err := tx.PrepareContext(ctx, insertSQL(LinksTable, []string{"from", "n"}, relInfo.Sub))
	if err != nil {
		return err
	}
	insTopic, err := tx.PrepareContext(ctx, `INSERT INTO "topics" ("doc", "n", "topic") VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	var args []any
	n := 0
	err = each(func(d *corpus.Document) error {
		n++
		r := corpus.FieldsOf(d)
		args = sqlArgs(append(args[:0], n), r, docs)
		if _, err := insDoc.Exec(args...); err != nil {
			return fmt.Errorf("%s: %w", d.Path, err)
		}
		for j := range r.Len(relIdx) {
			args = sqlArgs(append(args[:0], d.ID, j), r.Elem(relIdx, j), relInfo.Sub)
			if _, err := insLink.Exec(args...); err != nil {
				return fmt.Errorf("%s: %w", d.Path, err)
			}
		}
		for j, t := range r.Strings(topicsIdx) {
			if _, err := insTopic.Exec(d.ID, j, t); err != nil {
				return fmt.Errorf("%s: %w", d.Path, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, s := range SQLiteIndexes() {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%w: %s", err, s)
		}
	}
	return tx.Commit()
}

func fieldIndex(fields []record.Info, name string) int {
	for i, f := range fields {
		if f.Name == name {
			return i
		}
	}
	panic("columnar: no field " + name)
}
