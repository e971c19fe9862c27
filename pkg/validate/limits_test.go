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
	for _, want := range []string{
		fmt.Sprintf("%d KiB (`validate.MaxConfigSize`)", MaxConfigSize>>10),
		fmt.Sprintf("%d,%03d per rule and file (`validate.MaxFindingsPerRule`)", MaxFindingsPerRule/1000, MaxFindingsPerRule%1000),
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("docs/limits.md does not mention %s", want)
		}
	}
}
