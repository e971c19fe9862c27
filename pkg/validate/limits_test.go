package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateLimitsDocumented keeps docs/limits.md in step with validate's
// own limits.
func TestValidateLimitsDocumented(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "limits.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{fmt.Sprintf("%d KiB (`validate.MaxConfigSize`)", MaxConfigSize>>10)} {
		if !strings.Contains(string(b), want) {
			t.Errorf("docs/limits.md does not mention %s", want)
		}
	}
}
