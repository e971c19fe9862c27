//go:build unix

package query

import (
	"path/filepath"
	"testing"

	"github.com/seedscope/seedscope/internal/hostiletest"
)

// TestFacetCountsMatchFiltersHostile runs the facet invariant over the
// hostile corpus (facet-spellings.md: one topic in many spellings, a
// domain in URL clothing, blank and NUL values).
func TestFacetCountsMatchFiltersHostile(t *testing.T) {
	root := hostiletest.Corpus(t, filepath.Join("..", "..", "testdata", "hostile"))
	checkFacetCountsMatchFilters(t, "hostile", loadDocs(t, root))
}
