package cmd

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestShowJSONCarriesTheText checks, for every bundled document, that show
// --format json and ndjson print the object export prints for it plus
// linkedFrom, and that linkedFrom lists the ids the text view's "Linked
// from" section lists, in its order.
func TestShowJSONCarriesTheText(t *testing.T) {
	exp := execute(t, false, "export", "--format", "ndjson", seedsDir)
	if exp.status != 0 {
		t.Fatalf("export: %d %s", exp.status, exp.stderr)
	}
	section := regexp.MustCompile(`(?m)^Linked from \(\d+\)\n((?:  \S+\n)*)`)
	for _, line := range strings.Split(strings.TrimSuffix(exp.stdout, "\n"), "\n") {
		var doc map[string]any
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			t.Fatal(err)
		}
		id := doc["id"].(string)
		text := execute(t, false, "show", id, seedsDir).stdout
		var want []string
		if m := section.FindStringSubmatch(text); m != nil {
			want = strings.Fields(m[1])
		}
		for _, f := range []string{"json", "ndjson"} {
			r := execute(t, false, "show", id, "--format", f, seedsDir)
			var got map[string]any
			var view struct{ LinkedFrom []string }
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatalf("show %s -f %s: %v", id, f, err)
			}
			if err := json.Unmarshal([]byte(r.stdout), &view); err != nil || got["linkedFrom"] == nil {
				t.Fatalf("show %s -f %s: linkedFrom %v: %v", id, f, got["linkedFrom"], err)
			}
			linked := view.LinkedFrom
			if !slices.Equal(linked, want) && (len(linked) != 0 || len(want) != 0) {
				t.Errorf("show %s -f %s: linkedFrom %q, the text lists %q", id, f, linked, want)
			}
			delete(got, "linkedFrom")
			a, _ := json.Marshal(got)
			b, _ := json.Marshal(doc)
			if string(a) != string(b) {
				t.Errorf("show %s -f %s is not export's object:\n%s\n%s", id, f, a, b)
			}
		}
	}
}
