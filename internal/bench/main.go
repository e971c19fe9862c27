// Command bench times seedscope's commands against the raw read of a
// corpus and its peers against seedscope, in paired runs, and writes the
// Markdown report docs/performance.md holds. .ci/bench builds it and
// runs it (see the header of .ci/bench for the modes); "bench splice"
// puts a report into a Markdown file between its markers.
//
// Every row is a job of two commands, a reference and a subject, run one
// right after the other in each round, in an order that alternates from
// round to round (RefFirst): the ratio of a pair is the subject's wall
// time over the reference's, and a job reports the min and median of its
// pairs' ratios. A ratio below 1 to the raw read of a command that reads
// every file makes the run invalid (BelowFloor), and every command that
// prints one line per document has its line count checked against
// seedscope's record count (CheckCount).
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed gray-matter.js
var grayMatterJS []byte

// Cmd is a command the bench times.
type Cmd struct {
	Name     string // as the tables show it
	Argv     []string
	ReadsAll bool    // reads every file: its ratio to the raw read cannot be below 1
	Count    Count   // what its stdout's line count must be
	OK       []int   // exit statuses besides 0 that are not failures
	Scale    float64 // >1: it ran on a sample; its times are multiplied by Scale
	Peer     bool
}

// Job is a reference and a subject, timed in pairs.
type Job struct {
	Ref, Sub *Cmd
	Pairs    []Pair
}

type config struct {
	corpus    string
	seedscope string
	rawread   string
	baseline  string
	nodeDir   string
	yq        string
	timeBin   string
	reps      int
	only      string
	shape     string
	cmdline   string
	commit    string
	out       string
	label     string
	generated string
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "splice" {
		os.Exit(spliceMain(os.Args[2:]))
	}
	var c config
	flag.StringVar(&c.corpus, "corpus", "", "the corpus folder")
	flag.StringVar(&c.seedscope, "seedscope", "", "the seedscope binary")
	flag.StringVar(&c.rawread, "rawread", "", "the rawread binary (internal/synth/rawread)")
	flag.StringVar(&c.baseline, "baseline", "", "another seedscope binary whose validate runs against this one's")
	flag.StringVar(&c.nodeDir, "node", "", "a folder whose node_modules holds gray-matter (empty: no gray-matter)")
	flag.StringVar(&c.yq, "yq", "", "the mikefarah/yq binary (empty: no yq)")
	flag.StringVar(&c.timeBin, "time", "/usr/bin/time", "GNU time")
	flag.IntVar(&c.reps, "reps", 3, "pairs per job")
	flag.StringVar(&c.only, "only", "", "read or validate: those commands alone")
	flag.StringVar(&c.shape, "shape", "tree", "the corpus's shape: tree (folders of 10,000) or flat (one folder: the streaming facets alone)")
	flag.StringVar(&c.cmdline, "cmdline", "", "the command line to print in the report")
	flag.StringVar(&c.commit, "commit", "", "the commit to print in the report")
	flag.StringVar(&c.out, "o", "", "also write the report to this file")
	flag.StringVar(&c.label, "label", "", "the report's label (its markers in docs/performance.md)")
	flag.StringVar(&c.generated, "generated", "synthetic (internal/synth, seed 1)", "how the corpus was made")
	flag.Parse()
	if c.corpus == "" || c.seedscope == "" || c.rawread == "" || c.reps < 1 {
		fmt.Fprintln(os.Stderr, "bench: -corpus, -seedscope and -rawread are needed, and -reps at least 1")
		os.Exit(2)
	}
	if c.only != "" && c.only != "read" && c.only != "validate" {
		fmt.Fprintf(os.Stderr, "bench: -only %q: want read or validate\n", c.only)
		os.Exit(2)
	}
	if c.shape != "tree" && c.shape != "flat" {
		fmt.Fprintf(os.Stderr, "bench: -shape %q: want tree or flat\n", c.shape)
		os.Exit(2)
	}
	status, err := run(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	os.Exit(status)
}

type bench struct {
	c       config
	tmp     string
	records int64
	lines   map[*Cmd][]int64
}

func run(c config) (int, error) {
	tmp, err := os.MkdirTemp("", "seedscope-bench-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	b := &bench{c: c, tmp: tmp, lines: map[*Cmd][]int64{}}
	env := describeEnv(c)
	env.LoadBefore = loadAvg()

	raw := &Cmd{Name: "read every file (rawread, 2 goroutines)", Argv: []string{c.rawread, c.corpus}, ReadsAll: true}
	// Warm the page cache, and count the records: one ndjson line per
	// document is seedscope's record count, which every command printing
	// a line per document must match.
	if _, err := b.time(raw); err != nil {
		return 0, err
	}
	probe := &Cmd{Name: "export --stream --format ndjson (record count)", Argv: []string{c.seedscope, "export", "--stream", "--format", "ndjson", c.corpus}}
	r, err := b.time(probe)
	if err != nil {
		return 0, err
	}
	b.records = r.Lines
	delete(b.lines, probe)
	delete(b.lines, raw)
	if b.records == 0 {
		return 0, errors.New("seedscope found no documents in " + c.corpus)
	}
	env.Records = b.records
	mid, err := b.middleID()
	if err != nil {
		return 0, err
	}

	jobs, peers, err := b.jobs(raw, mid)
	if err != nil {
		return 0, err
	}
	env.Peers = peers
	fmt.Fprintf(os.Stderr, "bench: %d jobs, %d pairs each; seedscope reads %d documents\n", len(jobs), c.reps, b.records)
	for round := range c.reps {
		for j, job := range jobs {
			p, err := b.pair(job, RefFirst(round, j))
			if err != nil {
				return 0, err
			}
			job.Pairs = append(job.Pairs, p)
			fmt.Fprintf(os.Stderr, "bench: round %d/%d: %s: %.2f s against %s %.2f s (%.2f)\n",
				round+1, c.reps, job.Sub.Name, p.Sub.Wall, job.Ref.Name, p.Ref.Wall, p.Ratio())
		}
	}
	env.LoadAfter = loadAvg()

	res := evaluate(raw, jobs, b.records, b.lines)
	var md bytes.Buffer
	writeReport(&md, c, env, res)
	os.Stdout.Write(md.Bytes())
	if c.out != "" {
		if err := os.WriteFile(c.out, md.Bytes(), 0o644); err != nil {
			return 0, err
		}
	}
	if !res.Valid() {
		fmt.Fprintln(os.Stderr, "bench: the run is invalid (see the report): its figures are not results")
		return 1, nil
	}
	return 0, nil
}

// jobs lists what the mode times: every command against the raw read,
// then the comparisons the targets need. It returns the peers' versions.
func (b *bench) jobs(raw *Cmd, mid string) ([]*Job, []string, error) {
	c := b.c
	ss := func(name string, args ...string) *Cmd {
		return &Cmd{Name: name, Argv: append(append([]string{c.seedscope}, args...), c.corpus), ReadsAll: true}
	}
	all := Count{Kind: CountRecords}
	var cmds []*Cmd
	var comps [][2]*Cmd // reference, subject
	var peers []string
	add := func(cs ...*Cmd) { cmds = append(cmds, cs...) }

	var validate *Cmd
	if c.shape == "tree" && c.only != "read" {
		validate = ss("validate -f json", "validate", "-f", "json")
		validate.OK = []int{1} // it exits 1 when it finds errors
		add(validate)
		if c.baseline != "" {
			base := &Cmd{Name: "validate -f json (BASELINE)", Argv: []string{c.baseline, "validate", "-f", "json", c.corpus}, ReadsAll: true, OK: []int{1}}
			add(base)
			comps = append(comps, [2]*Cmd{validate, base})
		}
	}
	switch {
	case c.shape == "flat":
		add(ss("providers", "providers"), ss("topics", "topics"), ss("stats", "stats"))
		s := ss("export --stream --format ndjson", "export", "--stream", "--format", "ndjson")
		s.Count = all
		parquet := ss("export --stream --format parquet", "export", "--stream", "--format", "parquet")
		add(s, parquet)
		comps = append(comps, [2]*Cmd{s, parquet})
	case c.only == "read":
		// The reading views hold the corpus, as list does: list is
		// their yardstick. One argument each, no blanks: a word of two
		// (facial-recognition) is a phrase and its two words.
		list := ss("list", "list")
		list.Count = all
		add(list)
		views := []*Cmd{
			ss("search facial-recognition", "search", "facial-recognition"),
			ss("stats --by month", "stats", "--by", "month"),
			ss("dupes", "dupes"),
			ss("concordance technology", "concordance", "technology"),
			ss("terms", "terms"),
			ss("list --clean --format ndjson", "list", "--clean", "--format", "ndjson"),
		}
		views[len(views)-1].Count = all
		add(views...)
		for _, v := range views {
			comps = append(comps, [2]*Cmd{list, v})
		}
	case c.only == "":
		list := ss("list (tsv, to a pipe)", "list")
		list.Count = all
		first := ss("list -n 10", "list", "-n", "10")
		first.ReadsAll = false // it may stop reading after 10 documents
		first.Count = Count{Kind: CountFixed, Fixed: 10}
		show := ss("show "+mid+" (the middle document)", "show", mid)
		show.ReadsAll = false // it may find its file without reading the rest
		exp := ss("export --format ndjson", "export", "--format", "ndjson")
		exp.Count = all
		stream := ss("export --stream --format ndjson", "export", "--stream", "--format", "ndjson")
		stream.Count = all
		parquet := ss("export --stream --format parquet", "export", "--stream", "--format", "parquet")
		add(list, first,
			ss("list --format csv", "list", "--format", "csv"),
			ss("list --format csv --parser=yaml", "list", "--format", "csv", "--parser=yaml"),
			exp, stream, parquet, show,
			ss("providers", "providers"), ss("topics", "topics"), ss("stats", "stats"))
		comps = append(comps, [2]*Cmd{stream, parquet})
		var peerComps [][2]*Cmd
		var err error
		peers, peerComps, err = b.peers(stream, exp)
		if err != nil {
			return nil, nil, err
		}
		for _, pc := range peerComps {
			if !slices.Contains(cmds, pc[1]) {
				add(pc[1])
			}
		}
		comps = append(comps, peerComps...)
	}
	var jobs []*Job
	for _, x := range cmds {
		jobs = append(jobs, &Job{Ref: raw, Sub: x})
	}
	for _, p := range comps {
		jobs = append(jobs, &Job{Ref: p[0], Sub: p[1]})
	}
	return jobs, peers, nil
}

// peers returns gray-matter's and yq's commands, each with the seedscope
// commands it is compared with.
func (b *bench) peers(stream, exp *Cmd) ([]string, [][2]*Cmd, error) {
	c := b.c
	var versions []string
	var comps [][2]*Cmd
	if c.nodeDir != "" {
		pkg, err := os.ReadFile(filepath.Join(c.nodeDir, "node_modules", "gray-matter", "package.json"))
		if err != nil {
			return nil, nil, fmt.Errorf("gray-matter: %w", err)
		}
		var meta struct{ Version string }
		if err := json.Unmarshal(pkg, &meta); err != nil {
			return nil, nil, fmt.Errorf("gray-matter's package.json: %w", err)
		}
		node, err := exec.Command("node", "--version").Output()
		if err != nil {
			return nil, nil, fmt.Errorf("node --version: %w", err)
		}
		script := filepath.Join(c.nodeDir, "seedscope-bench-gray-matter.js")
		if err := os.WriteFile(script, grayMatterJS, 0o644); err != nil {
			return nil, nil, err
		}
		versions = append(versions, "gray-matter "+meta.Version+" on Node "+strings.TrimSpace(string(node)))
		off := &Cmd{Name: "node + gray-matter, cache off (`matter(text, {})`)", Argv: []string{"node", script, c.corpus, "off"}, ReadsAll: true, Count: Count{Kind: CountRecords}, Peer: true}
		on := &Cmd{Name: "node + gray-matter, as called by default (`matter(text)`, cache on)", Argv: []string{"node", script, c.corpus, "on"}, ReadsAll: true, Count: Count{Kind: CountRecords}, Peer: true}
		comps = append(comps, [2]*Cmd{stream, off}, [2]*Cmd{exp, off}, [2]*Cmd{stream, on}, [2]*Cmd{exp, on})
	}
	if c.yq != "" {
		out, err := exec.Command(c.yq, "--version").Output()
		if err != nil {
			return nil, nil, fmt.Errorf("yq --version: %w", err)
		}
		versions = append(versions, strings.TrimSpace(string(out)))
		// With several files yq extracts the front matter of the first
		// only, so it runs once per file (2 at a time) on a sample of the
		// front-matter files, and its times are scaled to the corpus.
		list, n, total, err := frontMatterSample(c.corpus, 2000, filepath.Join(b.tmp, "yq-sample"))
		if err != nil {
			return nil, nil, err
		}
		if n > 0 {
			sh := fmt.Sprintf("xargs -0 -n 1 -P 2 %s --front-matter=extract .title < %s", shellQuote(c.yq), shellQuote(list))
			yq := &Cmd{
				Name:     fmt.Sprintf("mikefarah/yq --front-matter=extract .title (a process per file, 2 at a time; %d-file sample, times × %.1f)", n, float64(total)/float64(n)),
				Argv:     []string{"sh", "-c", sh},
				ReadsAll: true,
				Count:    Count{Kind: CountFixed, Fixed: int64(n)},
				Scale:    float64(total) / float64(n),
				Peer:     true,
			}
			comps = append(comps, [2]*Cmd{stream, yq})
		}
	}
	return versions, comps, nil
}

// frontMatterSample writes the paths of the first n files of dir (in
// walk order) that open with a front-matter line, NUL-separated, to
// list, and returns how many it wrote and how many files dir holds.
func frontMatterSample(dir string, n int, list string) (string, int, int, error) {
	var buf bytes.Buffer
	got, total := 0, 0
	head := make([]byte, 5)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		total++
		if got == n {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		k, _ := io.ReadFull(f, head)
		f.Close()
		if h := head[:k]; bytes.HasPrefix(h, []byte("---\n")) || bytes.HasPrefix(h, []byte("---\r\n")) {
			buf.WriteString(p)
			buf.WriteByte(0)
			got++
		}
		return nil
	})
	if err != nil {
		return "", 0, 0, err
	}
	return list, got, total, os.WriteFile(list, buf.Bytes(), 0o644)
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// middleID is the id of the document in the middle of the walk order.
func (b *bench) middleID() (string, error) {
	k := b.records/2 + 1
	probe := &Cmd{Name: "export --stream -n " + strconv.FormatInt(k, 10), Argv: []string{b.c.seedscope, "export", "--stream", "--format", "ndjson", "-n", strconv.FormatInt(k, 10), b.c.corpus}}
	var last lineCounter
	last.keepLast = true
	if _, err := b.exec(probe, &last); err != nil {
		return "", err
	}
	delete(b.lines, probe)
	var doc struct{ ID string }
	if err := json.Unmarshal(last.last, &doc); err != nil || doc.ID == "" {
		return "", fmt.Errorf("no id in the middle document's JSON (%v)", err)
	}
	return doc.ID, nil
}

func (b *bench) pair(j *Job, refFirst bool) (Pair, error) {
	p := Pair{RefFirst: refFirst}
	first, second := j.Ref, j.Sub
	if !refFirst {
		first, second = second, first
	}
	r1, err := b.time(first)
	if err != nil {
		return p, err
	}
	r2, err := b.time(second)
	if err != nil {
		return p, err
	}
	p.Ref, p.Sub = r1, r2
	if !refFirst {
		p.Ref, p.Sub = r2, r1
	}
	return p, nil
}

func (b *bench) time(c *Cmd) (Run, error) {
	var lc lineCounter
	return b.exec(c, &lc)
}

// exec runs c under GNU time with its stdout a pipe whose lines lc
// counts, and records the count.
func (b *bench) exec(c *Cmd, lc *lineCounter) (Run, error) {
	tf := filepath.Join(b.tmp, "time.out")
	args := append([]string{"-f", "%e %U %S %M", "-o", tf, "--"}, c.Argv...)
	cmd := exec.Command(b.c.timeBin, args...)
	cmd.Stdout = lc
	var stderr tail
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start).Seconds()
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || !slices.Contains(c.OK, ee.ExitCode()) {
			return Run{}, fmt.Errorf("%s: %v:\n%s", c.Name, err, stderr.String())
		}
	}
	data, err := os.ReadFile(tf)
	if err != nil {
		return Run{}, err
	}
	r, err := parseTime(string(data))
	if err != nil {
		return Run{}, fmt.Errorf("%s: %w", c.Name, err)
	}
	r.Wall = wall
	r.Lines = lc.n
	if c.Scale > 1 {
		r.Wall *= c.Scale
		r.User *= c.Scale
		r.Sys *= c.Scale
	}
	b.lines[c] = append(b.lines[c], r.Lines)
	return r, nil
}

// parseTime reads the last line of GNU time's "%e %U %S %M" output (a
// line before it says when the command was killed by a signal).
func parseTime(s string) (Run, error) {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	f := strings.Fields(lines[len(lines)-1])
	if len(f) != 4 {
		return Run{}, fmt.Errorf("time printed %q, want wall, user, sys and KiB", s)
	}
	var r Run
	var err error
	var e [3]error
	_, e[0] = strconv.ParseFloat(f[0], 64)
	r.User, e[1] = strconv.ParseFloat(f[1], 64)
	r.Sys, e[2] = strconv.ParseFloat(f[2], 64)
	r.RSS, err = strconv.ParseInt(f[3], 10, 64)
	if err = errors.Join(append(e[:], err)...); err != nil {
		return Run{}, fmt.Errorf("time printed %q: %w", s, err)
	}
	return r, nil
}

// lineCounter counts the newlines written to it and, with keepLast, keeps
// the last complete line.
type lineCounter struct {
	n        int64
	keepLast bool
	cur      []byte
	last     []byte
}

func (l *lineCounter) Write(p []byte) (int, error) {
	l.n += int64(bytes.Count(p, []byte{'\n'}))
	if l.keepLast {
		rest := p
		for {
			i := bytes.IndexByte(rest, '\n')
			if i < 0 {
				break
			}
			l.last = append(append(l.last[:0], l.cur...), rest[:i]...)
			l.cur = l.cur[:0]
			rest = rest[i+1:]
		}
		l.cur = append(l.cur, rest...)
	}
	return len(p), nil
}

// tail keeps the last 4 KiB written to it.
type tail struct{ b []byte }

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 4096 {
		t.b = t.b[len(t.b)-4096:]
	}
	return len(p), nil
}

func (t *tail) String() string { return string(t.b) }
