package render_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/seedscope/seedscope/cmd"
	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/render"
)

// These tests run seedscope's commands in-process, as the CLI does, and
// validate every JSON and NDJSON value they print against the schema
// `seedscope schema RECORD` prints for it: on the bundled seeds, on a few
// broken files (for findings), and on the shared corpora when present.

const seeds = "../../seeds"

// run runs seedscope with args; status 1 is accepted for validate (errors
// found).
func run(t *testing.T, args ...string) []byte {
	t.Helper()
	ios, out, errOut := iostreams.Test()
	status := cmd.Execute(ios, testBuild, args)
	if status != 0 && !(status == 1 && args[0] == "validate") {
		t.Fatalf("seedscope %s: status %d: %s", strings.Join(args, " "), status, errOut)
	}
	return out.Bytes()
}

// schemas compiles the schema of each record as the schema command prints
// it, asserting formats (date-time).
func schemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	out := map[string]*jsonschema.Schema{}
	for _, name := range render.RecordNames() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(run(t, "schema", name)))
		if err != nil {
			t.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		url := name + ".schema.json"
		if err := c.AddResource(url, doc); err != nil {
			t.Fatal(err)
		}
		if out[name], err = c.Compile(url); err != nil {
			t.Fatalf("schema %s does not compile: %v", name, err)
		}
	}
	return out
}

// check validates one command's output: each element of a JSON array,
// the JSON object, or each NDJSON line. It returns how many values it
// checked.
func check(t *testing.T, s *jsonschema.Schema, format string, out []byte) int {
	t.Helper()
	n := 0
	validate := func(raw []byte) {
		t.Helper()
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("not JSON: %v: %.200s", err, raw)
		}
		if err := s.Validate(v); err != nil {
			t.Fatalf("does not match its schema: %v\n%.2000s", err, raw)
		}
		n++
	}
	switch format {
	case "json":
		var elems []json.RawMessage
		if bytes.HasPrefix(out, []byte("[")) {
			if err := json.Unmarshal(out, &elems); err != nil {
				t.Fatal(err)
			}
			for _, e := range elems {
				validate(e)
			}
		} else {
			validate(out)
		}
	case "ndjson":
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 256<<20)
		for sc.Scan() {
			validate(sc.Bytes())
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("format %s", format)
	}
	return n
}

type output struct {
	record string
	args   []string
	// empty allows no values at all.
	empty bool
}

func checkAll(t *testing.T, outputs []output) {
	s := schemas(t)
	for _, o := range outputs {
		for _, f := range []string{"json", "ndjson"} {
			if o.record == "finding" && f == "ndjson" {
				continue // validate writes JSON only
			}
			args := append(append([]string(nil), o.args...), "--format", f)
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				n := check(t, s[o.record], f, run(t, args...))
				if n == 0 && !o.empty {
					t.Error("no values checked")
				}
				t.Logf("%d %s records", n, o.record)
			})
		}
	}
}

// TestOutputMatchesSchemaSeeds checks every JSON and NDJSON output of
// the bundled seeds, show for each document, and findings of broken
// files.
func TestOutputMatchesSchemaSeeds(t *testing.T) {
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(string(run(t, "list", "--format", "ndjson", seeds))), "\n") {
		var d struct{ ID string }
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	if len(ids) != 5 {
		t.Fatalf("%d seeds", len(ids))
	}
	broken := t.TempDir()
	for name, text := range map[string]string{
		"dup.md":   "---\ntitle: a\ntitle: b\n---\nbody\n",
		"bad.md":   "---\ntitle: [unclosed\n---\n",
		"types.md": "---\ntitle: 3\ntopics: x\npublishedDateTime: yesterday\nprovider: p\n---\n",
		"<&>.md":   "---\ntitle: \"<b>&amp;</b>\"\nwebUrl: http://x.example/?a=1&b=<2>\n---\n",
	} {
		if err := os.WriteFile(filepath.Join(broken, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outputs := []output{
		{record: "document", args: []string{"list", seeds}},
		{record: "document", args: []string{"list", "--topic", "aws ai", seeds}},
		{record: "document", args: []string{"export", seeds}},
		{record: "document", args: []string{"export", broken}},
		{record: "link", args: []string{"related", seeds}},
		{record: "link", args: []string{"related", "000_882eb17234bc9889", seeds}},
		{record: "link", args: []string{"related", "003_ecfceb46a7c3448c", "--backlinks", seeds}},
		{record: "topic", args: []string{"topics", seeds}},
		{record: "provider", args: []string{"providers", seeds}},
		{record: "provider", args: []string{"providers", broken}, empty: true},
		{record: "stats", args: []string{"stats", seeds}},
		{record: "stats", args: []string{"stats", "--topic", "no such topic", seeds}},
		{record: "finding", args: []string{"validate", seeds}, empty: true},
		{record: "finding", args: []string{"validate", broken}},
		{record: "search", args: []string{"search", `"law enforcement" police`, seeds}},
	}
	for _, id := range ids {
		outputs = append(outputs, output{record: "show", args: []string{"show", id, seeds}})
	}
	checkAll(t, outputs)
}

// TestOutputMatchesSchemaShared checks the outputs of the shared corpora
// (skipped when absent).
func TestOutputMatchesSchemaShared(t *testing.T) {
	if testing.Short() {
		t.Skip("long: the shared corpora")
	}
	root := sharedtest.Dir(t, "corpora")
	for _, name := range []string{"insideout-ai-posts", "bing-covid-news", "bbc-text", "hugo-docs"} {
		dir := filepath.Join(root, name)
		t.Run(name, func(t *testing.T) {
			s := schemas(t)
			for _, o := range []struct {
				record, format string
				args           []string
				empty          bool
			}{
				{"document", "ndjson", []string{"export", "-q", dir}, false},
				{"link", "json", []string{"related", "-q", dir}, name == "bbc-text" || name == "hugo-docs"},
				{"topic", "json", []string{"topics", "-q", dir}, name == "bbc-text" || name == "hugo-docs"},
				{"provider", "json", []string{"providers", "-q", dir}, name == "bbc-text" || name == "hugo-docs"},
				{"stats", "json", []string{"stats", "-q", dir}, false},
				{"finding", "json", []string{"validate", dir}, true},
				{"search", "json", []string{"search", "-q", "-n", "0", "the", dir}, false},
			} {
				t.Run(o.args[0], func(t *testing.T) {
					n := check(t, s[o.record], o.format, run(t, append(o.args, "--format", o.format)...))
					if n == 0 && !o.empty {
						t.Error("no values checked")
					}
					t.Logf("%d %s records", n, o.record)
				})
			}
		})
	}
}
