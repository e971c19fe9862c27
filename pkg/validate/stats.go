package validate

import (
	"cmp"
	"slices"
)

// RuleCount is how often one rule fired in a report.
type RuleCount struct {
	Rule     string
	Severity Severity
	// Findings counts the rule's findings (a file's "N more … not
	// listed" finding past MaxFindingsPerRule counts once); Files the
	// distinct files they are in.
	Findings, Files int
}

// RuleCounts tallies findings by rule, the rules with most findings
// first (then by id).
func RuleCounts(fs []Finding) []RuleCount {
	type tally struct {
		i    int
		last string
	}
	at := map[string]*tally{}
	var out []RuleCount
	for _, f := range fs {
		t, ok := at[f.Rule]
		if !ok {
			t = &tally{i: len(out)}
			at[f.Rule] = t
			out = append(out, RuleCount{Rule: f.Rule, Severity: f.Severity})
		}
		c := &out[t.i]
		c.Findings++
		if f.Severity == Error {
			c.Severity = Error
		}
		// Findings are sorted by path: a file's findings of a rule are
		// counted once when they come together, and the map of files is
		// needed only for unsorted input.
		if !ok || t.last != f.Path {
			c.Files++
			t.last = f.Path
		}
	}
	if !slices.IsSortedFunc(fs, compareFindings) {
		files := map[[2]string]bool{}
		for i := range out {
			out[i].Files = 0
		}
		for _, f := range fs {
			k := [2]string{f.Rule, f.Path}
			if !files[k] {
				files[k] = true
				out[at[f.Rule].i].Files++
			}
		}
	}
	slices.SortStableFunc(out, func(a, b RuleCount) int {
		return cmp.Or(cmp.Compare(b.Findings, a.Findings), cmp.Compare(a.Rule, b.Rule))
	})
	return out
}
