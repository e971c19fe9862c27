package cmd

import (
	"encoding/json"
	"strings"
	"testing"
)

// facetsCorpus is the hand-made corpus of spellings (see pkg/query).
const facetsCorpus = "../testdata/facets"

// TestFacetCountsMatchFiltersCLI runs the invariant of
// TestFacetCountsMatchFilters through the commands: each row of topics,
// providers and providers --by name counts the documents that list
// selects with its value.
func TestFacetCountsMatchFiltersCLI(t *testing.T) {
	type row struct {
		Value  string
		Domain *string
		Names  []string
		Count  int
	}
	rows := func(args ...string) []row {
		t.Helper()
		r := execute(t, false, append(args, "--format", "ndjson", facetsCorpus)...)
		if r.status != 0 || r.stderr != "" {
			t.Fatalf("%q: status %d, stderr %q", args, r.status, r.stderr)
		}
		var out []row
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			var x row
			if err := json.Unmarshal([]byte(line), &x); err != nil {
				t.Fatalf("%q: %v in %q", args, err, line)
			}
			out = append(out, x)
		}
		return out
	}
	listed := func(args ...string) int {
		t.Helper()
		r := execute(t, false, append(append([]string{"list"}, args...), "--format", "ndjson", facetsCorpus)...)
		if r.status != 0 {
			t.Fatalf("list %q: status %d, stderr %q", args, r.status, r.stderr)
		}
		return strings.Count(r.stdout, "\n")
	}
	checked := 0
	for _, f := range rows("topics") {
		if got := listed("--topic", f.Value); got != f.Count {
			t.Errorf("topics row %q counts %d, list --topic selects %d", f.Value, f.Count, got)
		}
		checked++
	}
	for _, f := range rows("providers") {
		if f.Domain == nil {
			continue
		}
		if got := listed("-p", *f.Domain); got != f.Count {
			t.Errorf("providers row %q %q counts %d, list -p %[2]q selects %d", f.Value, *f.Domain, f.Count, got)
		}
		checked++
	}
	for _, f := range rows("providers", "--by", "name") {
		if len(f.Names) == 0 {
			continue
		}
		if got := listed("-p", f.Value); got != f.Count {
			t.Errorf("providers --by name row %q counts %d, list -p %[1]q selects %d", f.Value, f.Count, got)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d rows checked", checked)
	}
	// The spellings of the issue, each one row.
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"-p", "politico"}, 4},
		{[]string{"-p", "www.wired.com"}, 3},
		{[]string{"-p", "WIRED.COM"}, 3},
		{[]string{"-p", "https://wired.com/story"}, 3},
		{[]string{"-p", "BBC"}, 2},
		{[]string{"-p", "the times"}, 2},
		{[]string{"-p", "thetimes.co.uk"}, 1},
		{[]string{"--topic", "ai"}, 4},
		{[]string{"--topic", "machine learning"}, 3},
	} {
		if got := listed(tt.args...); got != tt.want {
			t.Errorf("list %q selects %d, want %d", tt.args, got, tt.want)
		}
	}
}
