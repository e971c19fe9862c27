package main

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{3, 1}, 2},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{2, 2, 9, 1, 2}, 2},
	} {
		in := append([]float64(nil), tc.in...)
		if got := Median(tc.in); got != tc.want {
			t.Errorf("Median(%v) = %v, want %v", tc.in, got, tc.want)
		}
		if !reflect.DeepEqual(in, tc.in) {
			t.Errorf("Median changed its input: %v, was %v", tc.in, in)
		}
	}
}

func TestRefFirstAlternates(t *testing.T) {
	for _, tc := range []struct {
		reps, job int
		want      []bool
	}{
		{4, 0, []bool{true, false, true, false}},
		{4, 1, []bool{false, true, false, true}},
		{3, 2, []bool{true, false, true}},
	} {
		var got []bool
		for r := range tc.reps {
			got = append(got, RefFirst(r, tc.job))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("job %d: RefFirst over %d rounds = %v, want %v", tc.job, tc.reps, got, tc.want)
		}
	}
}

func pair(ref, sub float64) Pair { return Pair{Ref: Run{Wall: ref}, Sub: Run{Wall: sub}} }

func TestSummarize(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pairs []Pair
		want  Summary
	}{
		{name: "none", want: Summary{}},
		{
			name:  "one",
			pairs: []Pair{pair(1, 2)},
			want:  Summary{N: 1, Ratios: []float64{2}, RatioMin: 2, RatioMedian: 2, WallMedian: 2},
		},
		{
			// The ratio is taken within each pair, not of the medians:
			// the medians of the walls (1 and 3) would give 3.
			name:  "within pairs",
			pairs: []Pair{pair(1, 2), pair(2, 3), pair(0.5, 4)},
			want:  Summary{N: 3, Ratios: []float64{2, 1.5, 8}, RatioMin: 1.5, RatioMedian: 2, WallMedian: 3},
		},
		{
			name:  "even count",
			pairs: []Pair{pair(1, 2), pair(1, 4), pair(1, 3), pair(1, 5)},
			want:  Summary{N: 4, Ratios: []float64{2, 4, 3, 5}, RatioMin: 2, RatioMedian: 3.5, WallMedian: 3.5},
		},
		{
			name: "cpu and rss",
			pairs: []Pair{
				{Ref: Run{Wall: 1, RSS: 10}, Sub: Run{Wall: 2, User: 1, Sys: 0.5, RSS: 100}},
				{Ref: Run{Wall: 1, RSS: 12}, Sub: Run{Wall: 2, User: 3, Sys: 1, RSS: 90}},
				{Ref: Run{Wall: 1, RSS: 11}, Sub: Run{Wall: 2, User: 2, Sys: 0, RSS: 95}},
			},
			want: Summary{N: 3, Ratios: []float64{2, 2, 2}, RatioMin: 2, RatioMedian: 2, WallMedian: 2, CPUMedian: 2, RSSMax: 100, RefRSSMax: 12},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Summarize(tc.pairs); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Summarize = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestRatioOfZeroWall(t *testing.T) {
	if r := pair(0, 1).Ratio(); !math.IsInf(r, 1) {
		t.Errorf("ratio over a zero wall = %v, want +Inf", r)
	}
}

func TestBelowFloor(t *testing.T) {
	for _, tc := range []struct {
		ratios []float64
		want   []float64
	}{
		{[]float64{1.8, 1.9, 2}, nil},
		{[]float64{1, 1.2}, nil}, // as fast as the raw read is possible
		{[]float64{1.8, 0.86, 1.9}, []float64{0.86}},
		{[]float64{0.5, 0.99}, []float64{0.5, 0.99}},
	} {
		if got := BelowFloor(Summary{Ratios: tc.ratios}); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("BelowFloor(%v) = %v, want %v", tc.ratios, got, tc.want)
		}
	}
}

func TestCheckCount(t *testing.T) {
	for _, tc := range []struct {
		name    string
		rule    Count
		records int64
		lines   []int64
		bad     int
	}{
		{"not checked", Count{}, 100, []int64{1, 2}, 0},
		{"records equal", Count{Kind: CountRecords}, 100, []int64{100, 100}, 0},
		{"a record short", Count{Kind: CountRecords}, 100, []int64{100, 99}, 1},
		{"a record more", Count{Kind: CountRecords}, 100, []int64{101, 101, 100}, 2},
		{"fixed", Count{Kind: CountFixed, Fixed: 10}, 100, []int64{10}, 0},
		{"fixed, fewer documents", Count{Kind: CountFixed, Fixed: 10}, 5, []int64{5}, 0},
		{"fixed, too many", Count{Kind: CountFixed, Fixed: 10}, 100, []int64{11}, 1},
		{"no runs", Count{Kind: CountRecords}, 100, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := CheckCount("cmd", tc.rule, tc.records, tc.lines)
			if len(bad) != tc.bad {
				t.Errorf("CheckCount = %q, want %d mismatches", bad, tc.bad)
			}
			for _, m := range bad {
				if !strings.Contains(m, "cmd printed") {
					t.Errorf("mismatch %q does not name the command", m)
				}
			}
		})
	}
}

// TestEvaluateRefuses holds the refusal: a ratio below 1 to the raw read
// makes the run invalid for a command that reads every file, but not for
// one that may stop early, nor against another command; a count that
// differs makes it invalid too; and an invalid report prints no ratio for
// the row, and no targets.
func TestEvaluateRefuses(t *testing.T) {
	raw := &Cmd{Name: "raw", ReadsAll: true}
	all := &Cmd{Name: "providers", ReadsAll: true}
	early := &Cmd{Name: "list -n 10", Count: Count{Kind: CountFixed, Fixed: 10}}
	peer := &Cmd{Name: "peer", ReadsAll: true, Count: Count{Kind: CountRecords}}
	good := []Pair{pair(1, 1.8), pair(1, 1.9), pair(1, 2)}
	slow := []Pair{pair(1, 1.8), pair(2, 1.7), pair(1, 2)}
	for _, tc := range []struct {
		name  string
		jobs  []*Job
		lines map[*Cmd][]int64
		valid bool
	}{
		{"all above 1", []*Job{{Ref: raw, Sub: all, Pairs: good}}, nil, true},
		{"one pair below 1", []*Job{{Ref: raw, Sub: all, Pairs: slow}}, nil, false},
		{"below 1, stops early", []*Job{{Ref: raw, Sub: early, Pairs: []Pair{pair(1, 0.01)}}}, map[*Cmd][]int64{early: {10}}, true},
		{"below 1 against a command", []*Job{{Ref: all, Sub: peer, Pairs: []Pair{pair(1, 0.5)}}}, map[*Cmd][]int64{peer: {100}}, true},
		{"count differs", []*Job{{Ref: all, Sub: peer, Pairs: []Pair{pair(1, 6)}}}, map[*Cmd][]int64{peer: {99}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := evaluate(raw, tc.jobs, 100, tc.lines)
			if res.Valid() != tc.valid {
				t.Fatalf("Valid() = %v, want %v (counts %q)", res.Valid(), tc.valid, res.Counts)
			}
			var md bytes.Buffer
			writeReport(&md, config{cmdline: ".ci/bench", reps: 3}, Env{}, res)
			out := md.String()
			if got := strings.Contains(out, "This run is invalid"); got == tc.valid {
				t.Errorf("report flags the run invalid: %v, want %v:\n%s", got, !tc.valid, out)
			}
			if !tc.valid && strings.Contains(out, "| target |") {
				t.Errorf("an invalid run reports its targets:\n%s", out)
			}
		})
	}
	res := evaluate(raw, []*Job{{Ref: raw, Sub: all, Pairs: slow}}, 100, nil)
	var md bytes.Buffer
	writeReport(&md, config{}, Env{}, res)
	if !strings.Contains(md.String(), "| providers | 3 | **invalid** | **invalid** |") {
		t.Errorf("the row below 1 prints its ratios:\n%s", md.String())
	}
}

func TestTargets(t *testing.T) {
	raw := &Cmd{Name: "raw", ReadsAll: true}
	stream := &Cmd{Name: "export --stream --format ndjson", ReadsAll: true}
	exp := &Cmd{Name: "export --format ndjson", ReadsAll: true}
	gm := &Cmd{Name: "node + gray-matter, cache off (x)", ReadsAll: true}
	first := &Cmd{Name: "list -n 10"}
	jobs := []*Job{
		{Ref: raw, Sub: exp, Pairs: []Pair{pair(1, 2.1), pair(1, 2.3), pair(1, 2.2)}},
		{Ref: raw, Sub: first, Pairs: []Pair{{Ref: Run{Wall: 1}, Sub: Run{Wall: 0.05}}, {Ref: Run{Wall: 1}, Sub: Run{Wall: 0.2}}, {Ref: Run{Wall: 1}, Sub: Run{Wall: 0.09}}}},
		{Ref: stream, Sub: gm, Pairs: []Pair{pair(1, 5), pair(1, 7), pair(1, 6)}},
		{Ref: exp, Sub: gm, Pairs: []Pair{pair(1, 4), pair(1, 5), pair(1, 4.9)}},
	}
	got := map[string]bool{}
	for _, tr := range evaluate(raw, jobs, 100, nil).Targets {
		got[tr.What] = tr.Met
	}
	want := map[string]bool{
		"`export --format ndjson` ≤ 2.2× the raw read":   true,  // median 2.2
		"`list -n 10` < 0.1 s":                           true,  // median 0.09
		"gray-matter (cache off) ≥ 6× `export --stream`": true,  // median 6
		"gray-matter (cache off) ≥ 5× `export`":          false, // median 4.9
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("targets = %v, want %v", got, want)
	}
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Run
		err  bool
	}{
		{"1.23 2.50 0.40 450000\n", Run{User: 2.5, Sys: 0.4, RSS: 450000}, false},
		{"Command exited with non-zero status 1\n2.00 3.00 0.10 80000\n", Run{User: 3, Sys: 0.1, RSS: 80000}, false},
		{"Command terminated by signal 9\n0.5 0.1 0.0 1000\n", Run{User: 0.1, RSS: 1000}, false},
		{"", Run{}, true},
		{"1.0 x 0.1 10\n", Run{}, true},
		{"1.0 1.0 0.1\n", Run{}, true},
	} {
		got, err := parseTime(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("parseTime(%q) = %+v, %v; want %+v, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestLineCounter(t *testing.T) {
	for _, tc := range []struct {
		writes []string
		n      int64
		last   string
	}{
		{nil, 0, ""},
		{[]string{"a\nb\n"}, 2, "b"},
		{[]string{"a\nb"}, 1, "a"},
		{[]string{"{\"id\":", "\"x\"}\n{\"id\"", ":\"yy\"}\n"}, 2, `{"id":"yy"}`},
		{[]string{"one", " line", "\n", "\n"}, 2, ""},
	} {
		lc := lineCounter{keepLast: true}
		for _, w := range tc.writes {
			lc.Write([]byte(w))
		}
		if lc.n != tc.n || string(lc.last) != tc.last {
			t.Errorf("writes %q: %d lines, last %q; want %d, %q", tc.writes, lc.n, lc.last, tc.n, tc.last)
		}
	}
}

func TestCommas(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 419171499: "419,171,499", -1234: "-1,234"} {
		if got := commas(n); got != want {
			t.Errorf("commas(%d) = %q, want %q", n, got, want)
		}
	}
}
