package validate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
)

// TestSharedCorpora validates every real corpus in ../shared/corpora when
// it is present: the run must complete without a panic or an error, check
// every file, and give the same findings at any concurrency. Finding
// counts per rule are logged (go test -run SharedCorpora -v).
func TestSharedCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every shared corpus; skipped with -short")
	}
	base := sharedtest.Dir(t, "corpora")
	des, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range des {
		if !de.IsDir() || strings.HasPrefix(de.Name(), "_") {
			continue
		}
		t.Run(de.Name(), func(t *testing.T) {
			dir := filepath.Join(base, de.Name())
			rep, err := Run(context.Background(), []string{dir}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Files == 0 {
				t.Fatal("no files checked")
			}
			counts := map[string]int{}
			for _, f := range rep.Findings {
				if f.Line < 1 || f.Col < 1 || f.Rule == "" || f.Message == "" {
					t.Errorf("incomplete finding: %+v", f)
				}
				counts[f.Rule]++
			}
			rules := make([]string, 0, len(counts))
			for r := range counts {
				rules = append(rules, r)
			}
			sort.Strings(rules)
			var b strings.Builder
			for _, r := range rules {
				fmt.Fprintf(&b, " %s=%d", r, counts[r])
			}
			c := Count(rep.Findings)
			t.Logf("%d files, %d errors, %d warnings:%s", rep.Files, c.Errors, c.Warnings, b.String())
		})
	}
}
