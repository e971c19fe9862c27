package main

import (
	"fmt"
	"math"
	"slices"
)

// Run is one timed run of a command.
type Run struct {
	Wall  float64 // seconds, the bench's monotonic clock around the run
	User  float64 // seconds of user CPU (/usr/bin/time %U)
	Sys   float64 // seconds of system CPU (/usr/bin/time %S)
	RSS   int64   // peak resident set, KiB (/usr/bin/time %M)
	Lines int64   // newlines the command wrote to its stdout (a pipe)
}

// CPU is the run's user and system time.
func (r Run) CPU() float64 { return r.User + r.Sys }

// Pair is one round of a job: the reference and the subject run one
// right after the other, in the order RefFirst says.
type Pair struct {
	Ref, Sub Run
	RefFirst bool
}

// Ratio is the subject's wall time over the reference's (+Inf when the
// reference took no measurable time).
func (p Pair) Ratio() float64 {
	if p.Ref.Wall <= 0 {
		return math.Inf(1)
	}
	return p.Sub.Wall / p.Ref.Wall
}

// RefFirst says whether the reference runs first in round round of the
// job at index job. The order alternates from round to round, so neither
// side always runs second (and so always after the other has warmed or
// loaded the machine); it also alternates between neighbouring jobs of a
// round.
func RefFirst(round, job int) bool { return (round+job)%2 == 0 }

// Median of xs (the mean of the two middle values for an even count; 0
// for none). xs is not changed.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Summary is what a job's pairs report.
type Summary struct {
	N           int       // pairs
	Ratios      []float64 // each pair's ratio, in run order
	RatioMin    float64
	RatioMedian float64
	WallMedian  float64 // the subject's
	CPUMedian   float64 // the subject's
	RSSMax      int64   // the subject's largest peak RSS, KiB
	RefRSSMax   int64   // the reference's
}

// Summarize the pairs of one job.
func Summarize(pairs []Pair) Summary {
	s := Summary{N: len(pairs)}
	if len(pairs) == 0 {
		return s
	}
	walls := make([]float64, 0, len(pairs))
	cpus := make([]float64, 0, len(pairs))
	s.RatioMin = math.Inf(1)
	for _, p := range pairs {
		r := p.Ratio()
		s.Ratios = append(s.Ratios, r)
		s.RatioMin = min(s.RatioMin, r)
		walls = append(walls, p.Sub.Wall)
		cpus = append(cpus, p.Sub.CPU())
		s.RSSMax = max(s.RSSMax, p.Sub.RSS)
		s.RefRSSMax = max(s.RefRSSMax, p.Ref.RSS)
	}
	s.RatioMedian = Median(s.Ratios)
	s.WallMedian = Median(walls)
	s.CPUMedian = Median(cpus)
	return s
}

// BelowFloor returns the ratios of s below 1. Against the raw read,
// which does nothing but read every file, such a ratio is impossible for
// a command that reads every file: it says the raw read of that pair was
// disturbed, so the run cannot be reported as a result.
func BelowFloor(s Summary) []float64 {
	var below []float64
	for _, r := range s.Ratios {
		if r < 1 {
			below = append(below, r)
		}
	}
	return below
}

// Count is what a command's output line count must be.
type Count struct {
	Kind  CountKind
	Fixed int64 // for CountFixed
}

// CountKind says what a command's count is checked against.
type CountKind int

const (
	CountNone    CountKind = iota // not checked (CSV cells may span lines; Parquet is binary)
	CountRecords                  // one line per document: seedscope's record count
	CountFixed                    // a fixed number of lines (list -n 10: at most 10 documents)
)

// Want is the line count a command with this rule must print when
// seedscope's record count for the corpus is records; ok is false when
// the count is not checked.
func (c Count) Want(records int64) (want int64, ok bool) {
	switch c.Kind {
	case CountRecords:
		return records, true
	case CountFixed:
		return min(c.Fixed, records), true
	}
	return 0, false
}

// CheckCount compares the line count of every run of the command name
// with what its rule wants and describes each mismatch.
func CheckCount(name string, rule Count, records int64, lines []int64) []string {
	want, ok := rule.Want(records)
	if !ok {
		return nil
	}
	var bad []string
	for i, n := range lines {
		if n != want {
			bad = append(bad, fmt.Sprintf("%s printed %d lines in run %d, want %d (seedscope's record count is %d)", name, n, i+1, want, records))
		}
	}
	return bad
}
