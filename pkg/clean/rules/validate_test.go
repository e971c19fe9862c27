package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/seedscope/seedscope/pkg/clean/rules"
	"github.com/seedscope/seedscope/pkg/validate"
)

// TestBrokenEntitiesAgreeWithValidate: the broken-entities rule repairs
// exactly what validate's broken-entity rule reports: nothing is left to
// report in a cleaned text, and a text with nothing to report keeps its
// entities as they are.
func TestBrokenEntitiesAgreeWithValidate(t *testing.T) {
	samples := []string{
		"& # 39;", "&# 39 ;", "& #x27;", "& #X 2F;", "& amp;", "&\tquot ;", "& nbsp;", "& # 12345678;", "& # ;",
		"&#39;", "&amp;", "AT&T", "& jerry;", "& # 39", "&  #  39  ;", "& # x 27;",
	}
	seeds, _ := filepath.Glob("../../../seeds/*.txt")
	for _, f := range seeds {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		samples = append(samples, string(data))
	}
	broken, _ := rules.ByName("broken-entities")
	if broken.Name == "" {
		t.Fatal("no broken-entities rule")
	}
	for _, s := range samples {
		found := validate.FindBrokenEntities([]byte(s))
		cleaned := rules.Text(s)
		if left := validate.FindBrokenEntities([]byte(cleaned)); len(left) > 0 {
			t.Errorf("%.60q: validate still finds %d broken entities once cleaned: %q", s, len(left), cleaned[left[0].Start:left[0].End])
		}
		if repaired := broken.Rewrite(s); len(found) == 0 && repaired != s {
			t.Errorf("%.60q: validate finds nothing broken, yet the rule makes it %.60q", s, repaired)
		} else if len(found) > 0 && repaired == s {
			t.Errorf("%.60q: validate finds %d broken entities, the rule repairs none", s, len(found))
		}
	}
}
