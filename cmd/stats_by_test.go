package cmd

import (
	"strings"
	"testing"
)

// TestStatsByFieldFlags: --by checks its value and the flags that go
// with it before reading the corpus.
func TestStatsByFieldFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--by", "nope"}, "no such field"},
		{[]string{"--by", "publishedAt"}, "by period"},
		{[]string{"--by", "body"}, "every body"},
		{[]string{"--by", "month", "--limit", "3"}, "--limit goes with --by FIELD"},
		{[]string{"--limit", "3"}, "--limit goes with --by FIELD"},
		{[]string{"--columns", "count"}, "--columns goes with --by"},
		{[]string{"--by", "month", "--json", "value"}, "value"},
		{[]string{"--by", "topic", "--json", "period"}, "period"},
	} {
		r := execute(t, false, append(append([]string{"stats"}, tc.args...), seedsDir)...)
		if r.status != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%q: status %d, stderr %q, want %q", tc.args, r.status, r.stderr, tc.want)
		}
	}
}
