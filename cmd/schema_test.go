package cmd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/render"
)

// TestSchemaCommand: each record's schema, the bundle of all, completion
// of record names, and the refusals (exit 2).
func TestSchemaCommand(t *testing.T) {
	for _, name := range render.RecordNames() {
		t.Run(name, func(t *testing.T) {
			r := execute(t, false, "schema", name)
			if r.status != 0 || r.stderr != "" {
				t.Fatalf("status %d, stderr %q", r.status, r.stderr)
			}
			var s map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
				t.Fatal(err)
			}
			if s["title"] != name || s["$schema"] != "https://json-schema.org/draft/2020-12/schema" || s["additionalProperties"] != false {
				t.Errorf("schema %s: %v", name, s)
			}
		})
	}
	r := execute(t, false, "schema")
	var all struct {
		Defs map[string]any `json:"$defs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &all); err != nil || r.status != 0 || len(all.Defs) != len(render.RecordNames()) {
		t.Errorf("schema with no record: status %d, %d defs, %v", r.status, len(all.Defs), err)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"schema", "nope"}, `unknown record "nope": use one of document, show, link`},
		{[]string{"schema", "link", "topic"}, "at most one record"},
		{[]string{"schema", "link", "--format", "csv"}, "csv"},
	} {
		r := execute(t, false, tt.args...)
		if r.status != ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: status %d, stdout %q, stderr %q", tt.args, r.status, r.stdout, r.stderr)
		}
	}

	r = execute(t, false, "__complete", "schema", "")
	if want := strings.Join(render.RecordNames(), "\n") + "\n:4\n"; r.stdout != want {
		t.Errorf("completion %q, want %q", r.stdout, want)
	}
	r = execute(t, false, "__complete", "schema", "link", "")
	if r.stdout != ":4\n" {
		t.Errorf("completion after a record %q", r.stdout)
	}
}
