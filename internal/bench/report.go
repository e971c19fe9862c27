package main

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// Env is what the report says about the machine and the corpus.
type Env struct {
	CPUs       int
	CPUModel   string
	Mem        string
	Kernel     string
	Go         string
	Files      int64
	Bytes      int64
	Folders    int // folders holding files
	MaxFolder  int // files in the largest
	Records    int64
	Peers      []string
	LoadBefore string
	LoadAfter  string
}

// cpuModel names the first processor of a /proc/cpuinfo. Virtual
// machines often give only a brand ("AMD EPYC") for cores of different
// generations and clocks, so the family, model and clock follow it.
func cpuModel(cpuinfo io.Reader) string {
	fields := map[string]string{}
	sc := bufio.NewScanner(cpuinfo)
	for sc.Scan() && sc.Text() != "" { // the first processor's block
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok {
			fields[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	var detail []string
	if v := fields["cpu family"]; v != "" {
		detail = append(detail, "family "+v)
	}
	if v := fields["model"]; v != "" {
		detail = append(detail, "model "+v)
	}
	if mhz, err := strconv.ParseFloat(fields["cpu MHz"], 64); err == nil {
		detail = append(detail, fmt.Sprintf("%.0f MHz", mhz))
	}
	name := fields["model name"]
	if len(detail) == 0 {
		return name
	}
	return name + ", " + strings.Join(detail, ", ")
}

func describeEnv(c config) Env {
	e := Env{CPUs: runtime.NumCPU(), Go: runtime.Version()}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		e.CPUModel = cpuModel(f)
		f.Close()
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for line := range strings.SplitSeq(string(data), "\n") {
			var kib int64
			if _, err := fmt.Sscanf(line, "MemTotal: %d kB", &kib); err == nil {
				e.Mem = fmt.Sprintf("%.0f GiB", float64(kib)/(1<<20))
			}
		}
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		e.Kernel = "Linux " + strings.TrimSpace(string(data))
	}
	perDir := map[string]int{}
	filepath.WalkDir(c.corpus, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			e.Files++
			e.Bytes += info.Size()
			perDir[filepath.Dir(p)]++
		}
		return nil
	})
	e.Folders = len(perDir)
	for _, n := range perDir {
		e.MaxFolder = max(e.MaxFolder, n)
	}
	return e
}

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// Row is a job's figures.
type Row struct {
	Job   *Job
	Sum   Summary
	Below []float64 // ratios below 1 to the raw read: the row is invalid
}

// Results are a run's rows and checks.
type Results struct {
	Raw      *Cmd
	RawRuns  []Run         // every run of the raw read
	Main     []Row         // against the raw read
	Compared []Row         // against another command
	Counts   []string      // every line count that differs from what its command must print
	BadCount map[*Cmd]bool // the commands with such a count
	Records  int64
	Targets  []TargetResult
}

// Valid says whether the run's figures may be reported as results: no
// ratio below 1 to the raw read where that is impossible, and every
// line count as seedscope's.
func (r *Results) Valid() bool {
	if len(r.Counts) > 0 {
		return false
	}
	for _, row := range r.Main {
		if len(row.Below) > 0 {
			return false
		}
	}
	return true
}

func evaluate(raw *Cmd, jobs []*Job, records int64, lines map[*Cmd][]int64) *Results {
	res := &Results{Raw: raw, Records: records, BadCount: map[*Cmd]bool{}}
	seen := map[*Cmd]bool{}
	for _, j := range jobs {
		row := Row{Job: j, Sum: Summarize(j.Pairs)}
		if j.Ref == raw {
			for _, p := range j.Pairs {
				res.RawRuns = append(res.RawRuns, p.Ref)
			}
			if j.Sub.ReadsAll {
				row.Below = BelowFloor(row.Sum)
			}
			res.Main = append(res.Main, row)
		} else {
			res.Compared = append(res.Compared, row)
		}
		for _, c := range []*Cmd{j.Ref, j.Sub} {
			if !seen[c] {
				seen[c] = true
				bad := CheckCount(c.Name, c.Count, records, lines[c])
				res.Counts = append(res.Counts, bad...)
				res.BadCount[c] = len(bad) > 0
			}
		}
	}
	res.Targets = evalTargets(res)
	return res
}

// find returns the row of sub against ref (the raw read when ref is "").
func (r *Results) find(sub, ref string) (Row, bool) {
	rows := r.Compared
	if ref == "" {
		rows = r.Main
	}
	for _, row := range rows {
		if strings.HasPrefix(row.Job.Sub.Name, sub) && (ref == "" || strings.HasPrefix(row.Job.Ref.Name, ref)) {
			return row, true
		}
	}
	return Row{}, false
}

// Target is a goal a run's figures are checked against.
type Target struct {
	What string
	Sub  string // the subject's name (a prefix)
	Ref  string // the reference's name (a prefix); "" for the raw read
	// What is measured, and the bound: the median ratio at most/at least
	// Bound, or the peak RSS (MiB) or median wall (s) under it.
	Measure string // "ratio", "rss" or "wall"
	AtLeast bool
	Bound   float64
}

// TargetResult is a target measured.
type TargetResult struct {
	Target
	Measured string
	Met      bool
}

// targets are the goals of docs/performance.md (issue targets of the
// streaming, memory and peer work).
var targets = []Target{
	{What: "`list --format csv` ≤ 2.2× the raw read", Sub: "list --format csv", Measure: "ratio", Bound: 2.2},
	{What: "`export --format ndjson` ≤ 2.2× the raw read", Sub: "export --format ndjson", Measure: "ratio", Bound: 2.2},
	{What: "`list` (no sort) peak RSS < 64 MiB", Sub: "list (tsv", Measure: "rss", Bound: 64},
	{What: "`list -n 10` < 0.1 s", Sub: "list -n 10", Measure: "wall", Bound: 0.1},
	{What: "`show ID` ≤ 1.5× the raw read", Sub: "show ", Measure: "ratio", Bound: 1.5},
	{What: "`export --stream --format parquet` ≤ 1.5× `--format ndjson`", Sub: "export --stream --format parquet", Ref: "export --stream --format ndjson", Measure: "ratio", Bound: 1.5},
	{What: "`export --stream --format parquet` peak RSS < 200 MiB", Sub: "export --stream --format parquet", Measure: "rss", Bound: 200},
	{What: "gray-matter (cache off) ≥ 6× `export --stream`", Sub: "node + gray-matter, cache off", Ref: "export --stream --format ndjson", Measure: "ratio", AtLeast: true, Bound: 6},
	{What: "gray-matter (cache off) ≥ 5× `export`", Sub: "node + gray-matter, cache off", Ref: "export --format ndjson", Measure: "ratio", AtLeast: true, Bound: 5},
	{What: "`search` ≤ 2× `list`", Sub: "search", Ref: "list", Measure: "ratio", Bound: 2},
	{What: "`concordance` ≤ 2× `list`", Sub: "concordance", Ref: "list", Measure: "ratio", Bound: 2},
	{What: "`terms` ≤ 2× `list`", Sub: "terms", Ref: "list", Measure: "ratio", Bound: 2},
	{What: "`dupes` ≤ 4× `list`", Sub: "dupes", Ref: "list", Measure: "ratio", Bound: 4},
	{What: "`search` peak RSS ≤ 1.5× `list`'s", Sub: "search", Ref: "list", Measure: "rssratio", Bound: 1.5},
	{What: "`concordance` peak RSS ≤ 1.5× `list`'s", Sub: "concordance", Ref: "list", Measure: "rssratio", Bound: 1.5},
	{What: "`terms` peak RSS ≤ 1.5× `list`'s", Sub: "terms", Ref: "list", Measure: "rssratio", Bound: 1.5},
	{What: "`dupes` peak RSS ≤ 1.5× `list`'s", Sub: "dupes", Ref: "list", Measure: "rssratio", Bound: 1.5},
	{What: "streaming facets peak RSS < 64 MiB in any folder shape: `providers`", Sub: "providers", Measure: "rss", Bound: 64},
}

func evalTargets(res *Results) []TargetResult {
	var out []TargetResult
	for _, t := range targets {
		row, ok := res.find(t.Sub, t.Ref)
		if !ok || row.Sum.N == 0 {
			continue
		}
		tr := TargetResult{Target: t}
		var v float64
		switch t.Measure {
		case "ratio":
			v = row.Sum.RatioMedian
			tr.Measured = fmt.Sprintf("%.2f× (median of %d pairs; min %.2f×)", v, row.Sum.N, row.Sum.RatioMin)
		case "rss":
			v = mib(row.Sum.RSSMax)
			tr.Measured = fmt.Sprintf("%.0f MiB (the largest of %d runs)", v, row.Sum.N)
		case "rssratio":
			v = float64(row.Sum.RSSMax) / float64(max(row.Sum.RefRSSMax, 1))
			tr.Measured = fmt.Sprintf("%.2f× (%.0f against %.0f MiB)", v, mib(row.Sum.RSSMax), mib(row.Sum.RefRSSMax))
		case "wall":
			v = row.Sum.WallMedian
			tr.Measured = fmt.Sprintf("%.3f s (median of %d runs)", v, row.Sum.N)
		}
		if t.AtLeast {
			tr.Met = v >= t.Bound
		} else if t.Measure == "rss" || t.Measure == "wall" {
			tr.Met = v < t.Bound
		} else {
			tr.Met = v <= t.Bound
		}
		out = append(out, tr)
	}
	return out
}

func mib(kib int64) float64 { return float64(kib) / 1024 }

func ratios(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprintf("%.2f", x)
	}
	return strings.Join(s, ", ")
}

func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func writeReport(w io.Writer, c config, e Env, res *Results) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	if !res.Valid() {
		p("**This run is invalid: its figures are not results.**")
		for _, row := range res.Main {
			if len(row.Below) > 0 {
				p(" `%s` ran faster than the raw read in a pair (%s): a command that reads every file cannot, so the raw read of that pair was disturbed.", row.Job.Sub.Name, ratios(row.Below))
			}
		}
		if len(res.Counts) > 0 {
			p(" A command's record count differs from seedscope's (below).")
		}
		p(" Run it again on a quieter machine.\n\n")
	}
	p("Run of `%s`", c.cmdline)
	if c.commit != "" {
		p(" at commit %s", c.commit)
	}
	p(":\n\n")
	p("- machine: %d CPUs (%s), %s RAM, %s; %s\n", e.CPUs, e.CPUModel, e.Mem, e.Kernel, e.Go)
	p("- load average: %s before the run, %s after\n", e.LoadBefore, e.LoadAfter)
	shape := fmt.Sprintf("%s folders (at most %s files in one)", commas(int64(e.Folders)), commas(int64(e.MaxFolder)))
	if e.Folders == 1 {
		shape = "one folder"
	}
	p("- corpus: %s files, %s bytes (%.0f MiB) in %s, %s; page cache warm; seedscope reads %s documents (`export --stream --format ndjson` lines)\n",
		commas(e.Files), commas(e.Bytes), float64(e.Bytes)/(1<<20), shape, c.generated, commas(e.Records))
	if len(e.Peers) > 0 {
		p("- peers: %s\n", strings.Join(e.Peers, "; "))
	}
	p("- method: %d pairs per row; a pair runs the reference and the command one right after the other, the order alternating from round to round; × is the command's wall time over the reference's within a pair (min and median of the pairs); wall and CPU (user+sys, `/usr/bin/time`) are the medians of the command's runs, peak RSS the largest (`/usr/bin/time`); stdout is a pipe the bench reads and counts the lines of\n\n", c.reps)

	p("| command | pairs | × raw read, min | × raw read, median | × raw read, each pair | wall (s) | CPU (s) | peak RSS (MiB) | lines out |\n")
	p("|---|---:|---:|---:|---|---:|---:|---:|---:|\n")
	rawWalls, rawCPU := []float64{}, []float64{}
	var rawRSS int64
	for _, r := range res.RawRuns {
		rawWalls = append(rawWalls, r.Wall)
		rawCPU = append(rawCPU, r.CPU())
		rawRSS = max(rawRSS, r.RSS)
	}
	p("| %s | %d runs | 1.00 | 1.00 | | %.2f | %.2f | %.0f | |\n", res.Raw.Name, len(res.RawRuns), Median(rawWalls), Median(rawCPU), mib(rawRSS))
	for _, row := range res.Main {
		s := row.Sum
		lo, med := fmt.Sprintf("%.2f", s.RatioMin), fmt.Sprintf("%.2f", s.RatioMedian)
		if len(row.Below) > 0 {
			lo, med = "**invalid**", "**invalid**"
		} else if !row.Job.Sub.ReadsAll {
			lo += "\\*"
		}
		p("| %s | %d | %s | %s | %s | %s | %.2f | %.0f | %s |\n", cell(row.Job.Sub.Name), s.N, lo, med, ratios(s.Ratios),
			wallCell(s.WallMedian), s.CPUMedian, mib(s.RSSMax), linesCell(row.Job.Sub, res))
	}
	p("\n")
	if hasPartial(res) {
		p("\\* reads only what it prints, so a ratio below 1 is possible and is not refused.\n\n")
	}
	if len(res.Compared) > 0 {
		p("Paired against each other (× is the command's wall time over the reference's within a pair):\n\n")
		p("| command | against | pairs | ×, min | ×, median | ×, each pair | wall (s) | reference wall (s) | peak RSS × reference's |\n")
		p("|---|---|---:|---:|---:|---|---:|---:|---:|\n")
		for _, row := range res.Compared {
			s := row.Sum
			refWalls := []float64{}
			for _, pr := range row.Job.Pairs {
				refWalls = append(refWalls, pr.Ref.Wall)
			}
			p("| %s | %s | %d | %.2f | %.2f | %s | %s | %s | %.2f |\n", cell(row.Job.Sub.Name), cell(row.Job.Ref.Name), s.N, s.RatioMin, s.RatioMedian,
				ratios(s.Ratios), wallCell(s.WallMedian), wallCell(Median(refWalls)), float64(s.RSSMax)/float64(max(s.RefRSSMax, 1)))
		}
		p("\n")
	}
	if len(res.Counts) > 0 {
		p("Record counts that differ from seedscope's (%s documents):\n\n", commas(res.Records))
		for _, m := range res.Counts {
			p("- %s\n", cell(m))
		}
		p("\n")
	} else {
		p("Every command that prints a line per document printed %s lines, seedscope's record count.\n\n", commas(res.Records))
	}
	if len(res.Targets) > 0 && res.Valid() {
		p("| target | measured | verdict |\n|---|---|---|\n")
		for _, t := range res.Targets {
			v := "met"
			if !t.Met {
				v = "**not met**"
			}
			p("| %s | %s | %s |\n", t.What, t.Measured, v)
		}
		p("\n")
	}
	p("<details><summary>Every pair (wall seconds, reference first or second as run)</summary>\n\n")
	for _, row := range append(append([]Row(nil), res.Main...), res.Compared...) {
		var parts []string
		for _, pr := range row.Job.Pairs {
			if pr.RefFirst {
				parts = append(parts, fmt.Sprintf("%.3f → %.3f", pr.Ref.Wall, pr.Sub.Wall))
			} else {
				parts = append(parts, fmt.Sprintf("%.3f ← %.3f", pr.Ref.Wall, pr.Sub.Wall))
			}
		}
		p("- %s against %s: %s\n", row.Job.Sub.Name, row.Job.Ref.Name, strings.Join(parts, "; "))
	}
	p("\n`a → b`: the reference ran first (a s), then the command (b s); `a ← b`: the command ran first.\n\n</details>\n")
}

func hasPartial(res *Results) bool {
	for _, row := range res.Main {
		if !row.Job.Sub.ReadsAll {
			return true
		}
	}
	return false
}

func wallCell(s float64) string {
	if s < 1 {
		return fmt.Sprintf("%.3f", s)
	}
	return fmt.Sprintf("%.2f", s)
}

func linesCell(c *Cmd, res *Results) string {
	want, ok := c.Count.Want(res.Records)
	switch {
	case !ok:
		return "not checked"
	case res.BadCount[c]:
		return "**differs**"
	}
	return commas(want) + " ✓"
}

func commas(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + commas(-n)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
