package render

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/corpus"
)

// TestCSVEqualsNDJSON exports each shared corpus (skipped when absent) as
// CSV and as NDJSON and reads the CSV back with encoding/csv, decoding the
// list and object cells with encoding/json: every row equals its NDJSON
// object, field for field.
func TestCSVEqualsNDJSON(t *testing.T) {
	root := sharedtest.Dir(t, "corpora")
	for _, name := range []string{"insideout-ai-posts", "bing-covid-news", "bbc-text", "hugo-docs"} {
		t.Run(name, func(t *testing.T) {
			cs, nd := exportBoth(t, filepath.Join(root, name))
			checkCSVAgainstNDJSON(t, cs, nd)
		})
	}
}

func TestCSVEqualsNDJSONSeeds(t *testing.T) {
	cs, nd := exportBoth(t, "../../seeds")
	checkCSVAgainstNDJSON(t, cs, nd)
}

// exportBoth loads a corpus, resolving its links as export does, and
// writes it as CSV and as NDJSON.
func exportBoth(t *testing.T, dir string) (string, string) {
	t.Helper()
	c, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cs, nd bytes.Buffer
	if err := WriteAll(&cs, CSV, Documents, Options{}, c.Docs); err != nil {
		t.Fatal(err)
	}
	if err := WriteAll(&nd, NDJSON, Documents, Options{}, c.Docs); err != nil {
		t.Fatal(err)
	}
	return cs.String(), nd.String()
}

func checkCSVAgainstNDJSON(t *testing.T, csvText, ndjson string) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(csvText))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(ndjson))
	sc.Buffer(nil, 64<<20)
	var objs []map[string]any
	for sc.Scan() {
		var o map[string]any
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatal(err)
		}
		objs = append(objs, o)
	}
	if len(rows)-1 != len(objs) || len(objs) == 0 {
		t.Fatalf("%d CSV rows, %d NDJSON objects", len(rows)-1, len(objs))
	}
	head := rows[0]
	lists := 0
	for i, o := range objs {
		if len(head) != len(o) {
			t.Fatalf("row %d: %d columns, %d JSON fields", i, len(head), len(o))
		}
		for j, name := range head {
			want, ok := o[name]
			if !ok {
				t.Fatalf("column %q is no JSON field", name)
			}
			cell := rows[i+1][j]
			var got any
			switch want.(type) {
			case nil:
				if cell != "" {
					t.Errorf("%s %s: cell %q for null", o["id"], name, cell)
				}
				continue
			case string:
				got = cell
			default: // numbers, booleans, lists, objects: JSON in the cell
				if err := json.Unmarshal([]byte(cell), &got); err != nil {
					t.Errorf("%s %s: cell %q: %v", o["id"], name, cell, err)
					continue
				}
				if _, ok := want.([]any); ok {
					lists++
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: CSV %v, NDJSON %v", o["id"], name, got, want)
			}
		}
	}
	t.Logf("%d rows, %d list cells checked", len(objs), lists)
}
