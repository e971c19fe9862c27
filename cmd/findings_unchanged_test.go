package cmd

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// corpusPlace says where a corpus of findingsBefore is.
type corpusPlace int

const (
	inRepo corpusPlace = iota // relative to the repository
	shared                    // relative to the shared corpora folder
)

// TestFindingsUnchangedOnSharedCorpora checks that validate reports, on
// every shared corpus and on the repository's test corpora, exactly what
// the two-parse checker reported (findingsBefore): same findings, same
// order, same bytes of JSON, with one worker and with sixteen. The shared
// corpora are skipped when absent (and with -short); the repository's are
// always checked.
func TestFindingsUnchangedOnSharedCorpora(t *testing.T) {
	for _, c := range findingsBefore {
		name := c.path
		if c.allRules {
			name += "/all-rules"
		}
		t.Run(name, func(t *testing.T) {
			switch c.where {
			case shared:
				if testing.Short() {
					t.Skip("reads a shared corpus; skipped with -short")
				}
				// The shared corpora beside the repository, as
				// internal/sharedtest finds them (not importable here).
				dir, err := filepath.Abs(filepath.Join(cmp.Or(os.Getenv("SEEDSCOPE_SHARED"), filepath.Join("..", "..", "shared")), "corpora"))
				if err != nil {
					t.Fatal(err)
				}
				if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(c.path))); err != nil || !fi.IsDir() {
					t.Skipf("shared corpus %s not present; skipping", c.path)
				}
				t.Chdir(dir)
			case inRepo:
				t.Chdir("..")
			}
			for _, workers := range []int{1, 16} {
				args := []string{"validate", "-f", "json", "--workers", strconv.Itoa(workers)}
				if c.allRules {
					args = append(args, "--enable", "unknown-field")
				}
				r := execute(t, false, append(args, filepath.FromSlash(c.path))...)
				if r.status != ExitOK && r.status != ExitFailure {
					t.Fatalf("--workers %d: exit %d: %s", workers, r.status, r.stderr)
				}
				var fs []json.RawMessage
				if err := json.Unmarshal([]byte(r.stdout), &fs); err != nil {
					t.Fatalf("--workers %d: %v", workers, err)
				}
				sum := sha256.Sum256([]byte(r.stdout))
				if got := hex.EncodeToString(sum[:]); len(fs) != c.count || got != c.sha256 {
					t.Errorf("--workers %d: %d findings, sha256 %s; before: %d findings, sha256 %s",
						workers, len(fs), got, c.count, c.sha256)
				}
			}
		})
	}
}
